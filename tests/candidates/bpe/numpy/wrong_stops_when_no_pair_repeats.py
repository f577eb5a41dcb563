"""Classic bug: training stops once no pair occurs twice (a min_frequency of 2), where the contract
goes on merging."""
# expect-fail: train_bpe[pairs_that_occur_once_are_still_merged] train_bpe[more_merges_asked_than_the_text_allows] train_bpe[a_run_of_three] train_bpe[one_emoji]
# hint: ties-go-to-the-first-pair


def pair_counts(ids: list[int]) -> dict[tuple[int, int], int]:
    counts = {}
    for pair in zip(ids, ids[1:]):  # overlapping: "aaa" holds (a, a) twice
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def merge(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    """Every occurrence of `pair` replaced by `new_id`, left to right, never overlapping."""
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train_bpe(text: str, vocab_size: int) -> list[tuple[int, int]]:
    ids = list(text.encode("utf-8"))
    merges = []
    while len(merges) < vocab_size - 256 and len(ids) >= 2:
        counts = pair_counts(ids)
        # A dict keeps its keys in first-seen order and max() returns the first maximum:
        # ties go to the pair that occurs first in the current sequence.
        pair = max(counts, key=counts.get)
        if counts[pair] < 2:
            break
        ids = merge(ids, pair, 256 + len(merges))
        merges.append(pair)
    return merges


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    rank = {pair: i for i, pair in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) >= 2:
        # The present pair learnt earliest, not the most frequent one.
        pair = min(pair_counts(ids), key=lambda p: rank.get(p, float("inf")))
        if pair not in rank:
            break
        ids = merge(ids, pair, 256 + rank[pair])
    return ids


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    vocab = {i: bytes([i]) for i in range(256)}
    for i, (a, b) in enumerate(merges):  # a merge only uses ids made before it
        vocab[256 + i] = vocab[a] + vocab[b]
    # A token may end inside a multi-byte character: decode the joined bytes, never token by token.
    return b"".join(vocab[i] for i in ids).decode("utf-8", errors="replace")
