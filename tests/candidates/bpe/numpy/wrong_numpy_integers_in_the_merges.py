"""Classic bug: pairs counted in NumPy and returned as they come out of it: tuples of np.int64, where
the contract says Python ints (the values are right)."""
# expect-fail: train_bpe[example_from_the_statement] train_bpe[english_text] train_bpe[one_cjk_character]
# hint: ties-go-to-the-first-pair
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
    ids = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).astype(np.int64)
    merges = []
    for new_id in range(256, vocab_size):
        if len(ids) < 2:
            break
        pairs = np.stack([ids[:-1], ids[1:]], axis=1)
        unique, first, counts = np.unique(pairs, axis=0, return_index=True, return_counts=True)
        best = np.flatnonzero(counts == counts.max())
        pair = tuple(unique[best[np.argmin(first[best])]])
        ids = np.array(merge(list(ids), pair, new_id), dtype=np.int64)
        merges.append(pair)
    return merges


def encode(text, merges):
    ids = list(text.encode("utf-8"))
    for index, pair in enumerate(merges):
        ids = merge(ids, tuple(pair), 256 + index)
    return ids


def decode(ids, merges):
    vocab = {i: bytes([i]) for i in range(256)}
    for i, (a, b) in enumerate(merges):
        vocab[256 + i] = vocab[a] + vocab[b]
    return b"".join(vocab[i] for i in ids).decode("utf-8", errors="replace")
