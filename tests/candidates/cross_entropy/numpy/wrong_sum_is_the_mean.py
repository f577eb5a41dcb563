"""Classic bug: reads only "none"; "sum" falls through to the mean."""
# expect-fail: cross_entropy[sum] cross_entropy[huge_logits_float64]
# hint: one-entry-per-row
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    top = logits.max(axis=1, keepdims=True)
    log_probs = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
    losses = -log_probs[np.arange(len(targets)), targets]
    return losses if reduction == "none" else losses.mean()
