"""bpe cases and the oracle: byte-level BPE as minbpe's basic tokenizer (shared/kata-contracts.md).

The oracle is written apart from the reference, in another style: pair counts from a Counter (its
keys in first-seen order, the first maximum taken), a replacement that folds the sequence through a
stack, and an encode that applies the merges one by one in the order they were learnt (the same as
merging the present pair of lowest rank: a pair made by merge i holds id 256 + i, so only a later
merge can use it). It was checked against minbpe's BasicTokenizer on every case.

Known-wrong solutions (tests/candidates/bpe/numpy/wrong_*.py), one bug each:
  wrong_ties_to_the_most_recent_pair          `>=` in the running maximum: the last of the tied pairs
  wrong_ties_to_the_smallest_pair             pairs sorted before the maximum: the smallest tied pair
  wrong_overlapping_replacement               "aaa" merged as two overlapping pairs, a byte lost
  wrong_replacement_from_the_right            occurrences replaced right to left: "aaa" -> [a, aa]
  wrong_encode_merges_the_most_frequent_pair  encode picks the most frequent known pair, not the earliest learnt
  wrong_decode_without_errors_replace         bytes.decode("utf-8") raises on a token that splits a character
  wrong_decode_token_by_token                 each token decoded on its own: split characters become U+FFFD
  wrong_ids_start_at_255                      the first new id collides with byte 255
  wrong_stops_when_no_pair_repeats            training stops at a count of 1, where merging goes on
  wrong_numpy_integers_in_the_merges          np.int64 pairs where the contract says Python ints
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from interviewkit.grader import Case, Recipe, _

# Fixed texts: ASCII, CJK, emoji (zero-width-joiner sequences, skin tones, flags), combining marks.
ENGLISH = ("the cat sat on the mat; the hat is on the cat. then the rat ate the cheese that the cat "
           "had left on the mat, and the cat sat there, flat as a hat.")
CHINESE = "数据科学是数据的科学。机器学习从数据中学习模型，模型再从数据中学习。学习，学习，再学习。"
EMOJI = "👩‍💻👩‍💻 🧑🏽‍🚀 🇫🇷🇫🇷 😀😀😀 ❤️‍🔥 👍🏿👍🏿"
COMBINING = "e\u0301e\u0301 a\u0300 n\u0303a\u0303o Vie\u0323\u0302t ca\u0301fe\u0301 \u1100\u1161\u11a8 \u1100\u1161"
MIXED = "naïve café: 数据 and 🙂 — ÿþý ÅΩ ж\tend\n"
STATEMENT = "aaabdaaabac"

# Vocabularies that random texts draw from.
ENGLISH_WORDS = tuple("the of and to in is that it for was on are with as his they be at one have this "
                      "from or had by hot word but what some we can out other were all there when up use "
                      "your how said an each she which do their time if will way about many then them".split())
MIXED_WORDS = ("the", "cat", "sat", "数据", "学习", "模型", "🙂", "👩‍💻", "café", "naïve", "e\u0301", "ÿ",
               "жизнь", "λόγος", "aaa", "aaaa", "\n", "\t")


@dataclass(frozen=True)
class drawn(Recipe):
    """`count` pieces drawn uniformly (with repeats) from `pieces`, joined by `separator`: a str."""

    pieces: tuple[str, ...]
    count: int
    separator: str = " "
    alphabet: str = ""  # the letters the pieces are, for a description that names them; words where empty
    dtype: str = "str"

    def build(self, rng):
        return self.separator.join(np.array(self.pieces)[rng.integers(0, len(self.pieces), self.count)])

    def lines(self, name):
        return [f"{name} = {self.separator!r}.join(np.array({list(self.pieces)!r})"
                f"[rng.integers(0, {len(self.pieces)}, {self.count})])"]

    def describe(self):
        if self.alphabet:
            return _("str: {count} letters of {alphabet} drawn from {pool}, joined by {separator}").format(
                count=self.count, alphabet=repr(self.alphabet), pool=len(self.pieces), separator=repr(self.separator))
        return _("str: {count} words drawn from {pool}, joined by {separator}").format(
            count=self.count, pool=len(self.pieces), separator=repr(self.separator))


def letters(alphabet: str, count: int) -> drawn:
    """A string of `count` letters from a small alphabet: long runs, and many pairs tied in count."""
    return drawn(tuple(alphabet), count, "", alphabet)


# ---------------------------------------------------------------------------------------- the oracle

def _replace(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    out: list[int] = []
    for token in ids:
        # out[-1] is never a merged token (new_id is in no pair before it), so a match here is
        # exactly the next non-overlapping occurrence, left to right.
        if out and out[-1] == pair[0] and token == pair[1]:
            out[-1] = new_id
        else:
            out.append(token)
    return out


def oracle_train(text: str, vocab_size: int) -> list[tuple[int, int]]:
    ids, merges = list(text.encode("utf-8")), []
    for new_id in range(256, vocab_size):
        if len(ids) < 2:
            break
        counts = Counter(zip(ids, ids[1:]))
        most = max(counts.values())
        pair = next(p for p, count in counts.items() if count == most)
        ids = _replace(ids, pair, new_id)
        merges.append(pair)
    return merges


def oracle_encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    ids = list(text.encode("utf-8"))
    for index, pair in enumerate(merges):
        ids = _replace(ids, tuple(pair), 256 + index)
    return ids


def oracle_decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    pieces = [bytes([i]) for i in range(256)]
    for a, b in merges:
        pieces.append(pieces[a] + pieces[b])
    return b"".join(pieces[i] for i in ids).decode("utf-8", errors="replace")


# ----------------------------------------------------------------------------------------- the cases

def train_case(name: str, text, vocab_size: int) -> Case:
    return Case(name, text=text, vocab_size=vocab_size)


def train_cases() -> list[Case]:
    return [
        # aa -> 256; then (256, a) and (a, b) tie at 2, and (256, a) comes first; then (257, b).
        train_case("example_from_the_statement", STATEMENT, 259),
        # Every pair once: the first pair in the sequence, (x, y), not the smallest, (a, b).
        train_case("ties_go_to_the_pair_that_occurs_first", "xyab", 259),
        train_case("ties_between_a_new_token_and_bytes", "zzyxzzyx ab ab", 262),
        # "aaa" holds (a, a) twice, as many as (b, c): the tie goes to (a, a), met first.
        train_case("overlapping_pairs_are_counted_twice", "aaabcbc", 259),
        train_case("a_run_of_three", "aaa", 300),
        train_case("a_run_of_four", "aaaa", 300),
        train_case("runs_of_odd_and_even_lengths", "aaaaa bbbbbb aaaaaaa bbb", 268),
        train_case("vocab_size_256_learns_no_merge", ENGLISH, 256),
        train_case("vocab_size_257_learns_one_merge", ENGLISH, 257),
        train_case("english_text", ENGLISH, 256 + 40),
        # Past the pairs that repeat, every pair left occurs once: merging goes on regardless.
        train_case("pairs_that_occur_once_are_still_merged", "abcdefg", 262),
        train_case("more_merges_asked_than_the_text_allows", "hello world", 1000),
        train_case("the_empty_string", "", 300),
        train_case("one_ascii_character", "a", 300),
        train_case("one_cjk_character", "中", 300),
        train_case("one_emoji", "😀", 260),
        train_case("chinese_text", CHINESE, 256 + 30),
        train_case("emoji_with_zero_width_joiners", EMOJI, 256 + 25),
        train_case("combining_marks", COMBINING, 256 + 20),
        train_case("bytes_above_127_and_control_characters", MIXED, 256 + 20),
        train_case("random_english_words", drawn(ENGLISH_WORDS, 120), 256 + 30),
        train_case("random_multilingual_words", drawn(MIXED_WORDS, 80), 256 + 40),
        train_case("random_letters_from_two", letters("ab", 60), 256 + 25),
        train_case("random_letters_from_three", letters("abc", 90), 256 + 30),
    ]


ENGLISH_MERGES = oracle_train(ENGLISH, 256 + 40)
CHINESE_MERGES = oracle_train(CHINESE, 256 + 30)
MIXED_MERGES = oracle_train(" ".join(MIXED_WORDS * 3), 256 + 40)
LETTER_MERGES = oracle_train("abbaabababbbaaabbababaabbbabababaaaabbbabb", 256 + 20)
RUN_MERGES = oracle_train("aaaa", 300)  # [(97, 97), (256, 256)]
HALF_CHARACTER = oracle_train("中中", 257)  # [(228, 184)]: 中 is e4 b8 ad, the token e4 b8 only part of it


def encode_case(name: str, text, merges: list[tuple[int, int]]) -> Case:
    return Case(name, text=text, merges=merges)


def encode_cases() -> list[Case]:
    return [
        encode_case("example_from_the_statement", STATEMENT, oracle_train(STATEMENT, 259)),
        encode_case("the_training_text", ENGLISH, ENGLISH_MERGES),
        encode_case("a_text_unseen_in_training", drawn(ENGLISH_WORDS, 60), ENGLISH_MERGES),
        # merges [(b, b), (b, c)]; "dbbcbc" holds (b, c) twice and (b, b) once, and (b, b) goes first:
        # [d, bb, c, bc], where merging the most frequent first gives [d, b, bc, bc].
        encode_case("an_earlier_merge_before_a_more_frequent_one", "dbbcbc", oracle_train("bcbbbb", 258)),
        encode_case("merges_by_rank_not_by_frequency", letters("ab", 80), LETTER_MERGES),
        encode_case("merges_by_rank_on_multilingual_words", drawn(MIXED_WORDS, 50), MIXED_MERGES),
        encode_case("no_merges", MIXED, []),
        encode_case("the_empty_string", "", ENGLISH_MERGES),
        encode_case("one_character", "a", ENGLISH_MERGES),
        encode_case("one_cjk_character", "数", CHINESE_MERGES),
        encode_case("chinese_text", CHINESE, CHINESE_MERGES),
        encode_case("bytes_never_seen_in_training", CHINESE + EMOJI, ENGLISH_MERGES),
        encode_case("a_longer_run_than_in_training", "aaaaaaa", RUN_MERGES),
        encode_case("a_run_of_three", "aaa", RUN_MERGES),
        encode_case("down_to_a_single_token", "hello world", oracle_train("hello world", 1000)),
    ]


def decode_case(name: str, ids: list[int], merges: list[tuple[int, int]]) -> Case:
    return Case(name, ids=ids, merges=merges)


def decode_cases() -> list[Case]:
    return [
        decode_case("raw_bytes", list(b"hello, world"), []),
        decode_case("the_statement_example_encoded", [258, 100, 258, 97, 99], oracle_train(STATEMENT, 259)),
        decode_case("tokens_repeated_and_out_of_order", [257, 256, 258, 97, 257, 256], oracle_train(STATEMENT, 259)),
        decode_case("an_encoded_paragraph", oracle_encode(ENGLISH, ENGLISH_MERGES), ENGLISH_MERGES),
        decode_case("encoded_chinese_text", oracle_encode(CHINESE, CHINESE_MERGES), CHINESE_MERGES),
        decode_case("every_merged_token_in_order", list(range(256, 256 + len(CHINESE_MERGES))), CHINESE_MERGES),
        decode_case("a_character_split_across_two_tokens", [256, 173, 256, 173], HALF_CHARACTER),
        decode_case("a_token_ending_inside_a_character", [256], HALF_CHARACTER),
        decode_case("ids_that_split_a_multibyte_character", [228, 184], []),
        decode_case("a_four_byte_emoji_cut_short", list("😀".encode())[:3] + [120], []),
        decode_case("a_lone_continuation_byte", [0x80, 65], []),
        # No UTF-8 text holds the bytes fe and ff, but every byte is an id of its own.
        decode_case("bytes_fe_and_ff_that_no_text_holds", [255, 65, 254], ENGLISH_MERGES),
        decode_case("an_empty_list", [], ENGLISH_MERGES),
    ]


def round_trip_case(name: str, corpus, vocab_size: int, text) -> Case:
    return Case(name, corpus=corpus, vocab_size=vocab_size, text=text)


def round_trip_cases() -> list[Case]:
    return [
        round_trip_case("english_on_its_own_merges", ENGLISH, 256 + 40, ENGLISH),
        round_trip_case("chinese_on_its_own_merges", CHINESE, 256 + 30, CHINESE),
        round_trip_case("emoji_on_their_own_merges", EMOJI, 256 + 25, EMOJI),
        round_trip_case("combining_marks_on_their_own_merges", COMBINING, 256 + 20, COMBINING),
        round_trip_case("chinese_and_emoji_on_english_merges", ENGLISH, 256 + 40, CHINESE + EMOJI),
        round_trip_case("random_words_on_other_random_words", drawn(MIXED_WORDS, 80), 256 + 40,
                        drawn(MIXED_WORDS, 60)),
        round_trip_case("random_letters_on_other_random_letters", letters("ab", 60), 256 + 20, letters("ab", 70)),
        round_trip_case("a_run_of_three", "aaa", 300, "aaa"),
        round_trip_case("runs_on_the_merges_of_a_run_of_four", "aaaa", 300, "aaaaaaa aaa aa a"),
        round_trip_case("the_empty_string", "", 300, ""),
        round_trip_case("one_character", "中", 300, "中"),
        round_trip_case("no_merges", MIXED, 256, MIXED),
        round_trip_case("merged_down_to_one_token", "hello world", 1000, "hello world, hello"),
    ]


# For timing only: about 23 kB of UTF-8. One pass to count and one to replace per merge take about
# 0.2 s here; counting each distinct pair with list.count (a pass per pair) takes about 50 times as long.
TIMING_TEXT = drawn(MIXED_WORDS + ENGLISH_WORDS, 5000)
TIMING_CASES = {
    "train_bpe": Case("train_on_23_kilobytes", text=TIMING_TEXT, vocab_size=256 + 30),
    "encode": Case("encode_23_kilobytes", text=TIMING_TEXT, merges=MIXED_MERGES),
}


def round_trip_snippet(case: Case, seed_offset: int) -> str:
    """The lines that rebuild a round-trip case and run the candidate's three functions on it."""
    lines = ["import numpy as np", f"rng = np.random.default_rng({case.seed + seed_offset})"]
    for name, value in case.inputs.items():
        lines += value.lines(name) if isinstance(value, Recipe) else [f"{name} = {value!r}"]
    return "\n".join([*lines, "merges = train_bpe(corpus, vocab_size)", "ids = encode(text, merges)",
                      "assert decode(ids, merges) == text"])
