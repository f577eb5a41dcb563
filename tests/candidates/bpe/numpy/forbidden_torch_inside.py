"""Forbidden: the numpy track may not import torch, not even to count pairs with torch.unique."""
import torch


def train_bpe(text, vocab_size):
    ids = torch.tensor(list(text.encode("utf-8")))
    merges = []
    while len(merges) < vocab_size - 256 and len(ids) >= 2:
        pairs, counts = torch.unique(torch.stack([ids[:-1], ids[1:]], 1), dim=0, return_counts=True)
        merges.append(tuple(int(v) for v in pairs[counts.argmax()]))
    return merges


def encode(text, merges):
    return list(text.encode("utf-8"))


def decode(ids, merges):
    return bytes(ids).decode("utf-8", errors="replace")
