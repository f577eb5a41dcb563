"""Classic bug: "fixes" log(softmax) with log(p + 1e-9): finite, but wrong by up to ~20.7 on huge
logits (log 1e-9 instead of a loss of thousands) and by ~1e-9 / p everywhere else."""
# expect-fail: cross_entropy[huge_logits] cross_entropy[rows_of_very_different_scale] cross_entropy[float64_logits]
# hint: never-the-log-of-a-softmax
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    losses = -np.log(probs[np.arange(len(targets)), targets] + 1e-9).astype(logits.dtype)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
