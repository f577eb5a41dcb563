"""Forbidden: tiktoken's own byte-pair encoder (tiktoken._educational trains and applies BPE)."""
from tiktoken._educational import bpe_train, bpe_encode


def train_bpe(text, vocab_size):
    ranks = bpe_train(text, vocab_size, pat_str=r"[\s\S]+")
    return list(ranks)


def encode(text, merges):
    return bpe_encode(dict(merges), text.encode("utf-8"))


def decode(ids, merges):
    return ""
