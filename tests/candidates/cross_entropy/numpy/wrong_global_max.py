"""Classic bug: one maximum for the whole batch; a row far below it underflows to a sum of 0."""
# expect-fail: cross_entropy[rows_of_very_different_scale]
# hint: never-the-log-of-a-softmax
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    top = logits.max()
    log_total = top + np.log(np.exp(logits - top).sum(axis=1))
    losses = log_total - logits[np.arange(len(targets)), targets]
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
