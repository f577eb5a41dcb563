"""A two-class shortcut: with C = 2 the loss is softplus(x_other - x_target) = log(1 + exp(z)),
written unshifted; exp(z) overflows to inf once z passes ~89 (float32) or ~709 (float64). Every other
class count goes through a stable logsumexp, so only the two-class stability cases can tell."""
# expect-fail: cross_entropy[huge_logits_two_classes] cross_entropy[huge_logits_two_classes_float64] cross_entropy[rows_of_very_different_scale_two_classes]
# hint: never-the-log-of-a-softmax
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    rows = np.arange(len(targets))
    if logits.shape[1] == 2:
        z = logits[rows, 1 - targets] - logits[rows, targets]
        losses = np.log(1 + np.exp(z))
    else:
        top = logits.max(axis=1, keepdims=True)
        log_total = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
        losses = log_total - logits[rows, targets]
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
