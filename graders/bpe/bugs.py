"""bpe's classic bugs (tests/candidates/bpe/numpy/wrong_*.py), each the oracle with that one slip, for
the grade to name the cause of a failure (diagnoses.py), each a cause id of katas/bpe/hints.toml
[causes]. The first that matches names the cause. A tie given to the smallest pair and one given to
the last pair share their cause: on the cases that catch them first they learn the same merges."""
from __future__ import annotations

from collections import Counter
from functools import partial

from interviewkit.grader import Diagnosis


def _replace(ids: list[int], pair: tuple[int, int], new_id: int, bug: str) -> list[int]:
    if bug == "overlapping-replacement":  # wherever the pair starts in the old sequence
        return [new_id if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair else ids[i]
                for i in range(len(ids)) if not (i > 0 and (ids[i - 1], ids[i]) == pair)]
    if bug == "replacement-from-the-right":
        return _replace(ids[::-1], pair[::-1], new_id, "")[::-1]
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def _chosen(counts: Counter, bug: str) -> tuple[int, int]:
    if bug == "tie-not-to-the-first-pair-smallest":
        return max(sorted(counts), key=counts.get)
    if bug == "tie-not-to-the-first-pair-last":
        return max(reversed(list(counts)), key=counts.get)
    return max(counts, key=counts.get)


def train(text: str, vocab_size: int, *, bug: str) -> list[tuple[int, int]]:
    ids, merges = list(text.encode("utf-8")), []
    first = 255 if bug == "ids-from-255" else 256
    while len(merges) < vocab_size - 256 and len(ids) >= 2:
        counts = Counter(zip(ids, ids[1:]))
        pair = _chosen(counts, bug)
        if bug == "stops-when-no-pair-repeats" and counts[pair] < 2:
            break
        ids = _replace(ids, pair, first + len(merges), bug)
        merges.append(pair)
    return merges


def encode(text: str, merges: list[tuple[int, int]], *, bug: str) -> list[int]:
    ids, rank = list(text.encode("utf-8")), {tuple(pair): i for i, pair in enumerate(merges)}
    first = 255 if bug == "ids-from-255" else 256
    while len(ids) >= 2:
        known = {pair: count for pair, count in Counter(zip(ids, ids[1:])).items() if pair in rank}
        if not known:
            break
        pair = max(known, key=known.get) if bug == "encode-by-frequency" else min(known, key=rank.get)
        ids = _replace(ids, pair, first + rank[pair], bug)
    return ids


def decode_token_by_token(ids: list[int], merges: list[tuple[int, int]]) -> str:
    pieces = [bytes([i]) for i in range(256)]
    for a, b in merges:
        pieces.append(pieces[a] + pieces[b])
    return "".join(pieces[i].decode("utf-8", errors="replace") for i in ids)


def _cause(bug: str) -> str:
    return bug.removesuffix("-smallest").removesuffix("-last")


TRAIN_BUGS = ("tie-not-to-the-first-pair-smallest", "tie-not-to-the-first-pair-last", "overlapping-replacement",
              "replacement-from-the-right", "ids-from-255", "stops-when-no-pair-repeats")
ENCODE_BUGS = ("encode-by-frequency", "overlapping-replacement", "replacement-from-the-right", "ids-from-255")
TRAIN = tuple(Diagnosis(_cause(bug), partial(train, bug=bug)) for bug in TRAIN_BUGS)
ENCODE = tuple(Diagnosis(bug, partial(encode, bug=bug)) for bug in ENCODE_BUGS)
DECODE = (Diagnosis("decode-token-by-token", decode_token_by_token),)
