"""Classic bug: treats the index vector `targets` as a one-hot matrix; it broadcasts along the
classes (an error when N != C, a silently wrong loss when N == C)."""
# expect-fail: cross_entropy[as_many_rows_as_classes] cross_entropy[mean_over_the_batch]
# hint: one-entry-per-row
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    top = logits.max(axis=1, keepdims=True)
    log_probs = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
    losses = -(targets * log_probs).sum(axis=1)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
