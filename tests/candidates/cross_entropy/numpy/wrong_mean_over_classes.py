"""Classic bug: the mean of the one-hot product over all N * C entries, which divides by C too."""
# expect-fail: cross_entropy[mean_over_the_batch] cross_entropy[two_classes] cross_entropy[many_classes] cross_entropy[float64_logits]
# hint: one-entry-per-row
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    n, c = logits.shape
    top = logits.max(axis=1, keepdims=True)
    log_probs = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
    one_hot = np.eye(c, dtype=logits.dtype)[targets]
    products = -one_hot * log_probs
    if reduction == "none":
        return products.sum(axis=1)
    return products.sum() if reduction == "sum" else products.mean()
