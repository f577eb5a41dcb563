"""Classic bug: log_probs[:, targets] picks every target's column for every row, an (N, N) matrix."""
# expect-fail: cross_entropy[mean_over_the_batch] cross_entropy[none_gives_one_loss_per_row] cross_entropy[two_classes]
# hint: one-entry-per-row
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    top = logits.max(axis=1, keepdims=True)
    log_probs = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
    picked = -log_probs[:, targets]
    if reduction == "none":
        return picked.mean(axis=1)
    return picked.sum() if reduction == "sum" else picked.mean()
