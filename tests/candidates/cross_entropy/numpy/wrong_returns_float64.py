"""Classic bug: collects the losses in a float64 buffer (np.zeros' default), so float32 logits give
a float64 result."""
# expect-fail: cross_entropy[mean_over_the_batch] cross_entropy[none_gives_one_loss_per_row] cross_entropy[sum]
# hint: dtype-and-autograd
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    losses = np.zeros(len(targets))
    for i, row in enumerate(logits):
        top = row.max()
        losses[i] = top + np.log(np.exp(row - top).sum()) - row[targets[i]]
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
