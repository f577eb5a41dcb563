"""Classic bug: takes the log of a (stable) softmax; with huge logits the target's probability
underflows to 0 and log 0 = -inf, so the loss is inf."""
# expect-fail: cross_entropy[huge_logits] cross_entropy[huge_logits_float64] cross_entropy[rows_of_very_different_scale]
# hint: never-the-log-of-a-softmax
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    losses = -np.log(probs[np.arange(len(targets)), targets])
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
