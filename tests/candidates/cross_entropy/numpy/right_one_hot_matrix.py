"""Correct, in another style: a one-hot matrix built from the indices, summed against the log-softmax."""
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    n, c = logits.shape
    one_hot = np.zeros((n, c), dtype=logits.dtype)
    one_hot[np.arange(n), targets] = 1
    top = np.max(logits, axis=-1, keepdims=True)
    log_probs = logits - top - np.log(np.sum(np.exp(logits - top), axis=-1, keepdims=True))
    losses = -np.sum(one_hot * log_probs, axis=-1)
    return {"none": losses, "sum": np.sum(losses), "mean": np.sum(losses) / logits.dtype.type(n)}[reduction]
