"""Correct, NumPy style: pairs counted with np.unique over packed pair keys (ties broken by the
first index explicitly, since np.unique sorts), encode applying the merges in the order learnt,
and decode expanding each token recursively."""
import numpy as np


def merge(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train_bpe(text, vocab_size):
    ids = list(text.encode("utf-8"))
    merges = []
    for new_id in range(256, vocab_size):
        if len(ids) < 2:
            break
        array = np.array(ids, dtype=np.int64)
        keys = array[:-1] * vocab_size + array[1:]
        unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
        best = np.flatnonzero(counts == counts.max())
        key = int(unique[best[np.argmin(first[best])]])
        pair = (key // vocab_size, key % vocab_size)
        ids = merge(ids, pair, new_id)
        merges.append(pair)
    return merges


def encode(text, merges):
    ids = list(text.encode("utf-8"))
    for index, pair in enumerate(merges):
        ids = merge(ids, tuple(pair), 256 + index)
    return ids


def decode(ids, merges):
    def expand(token):
        if token < 256:
            return bytes([token])
        a, b = merges[token - 256]
        return expand(a) + expand(b)

    return b"".join(expand(token) for token in ids).decode("utf-8", errors="replace")
