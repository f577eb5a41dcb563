"""Classic bug: log(sum(exp(x))) with nothing subtracted: exp overflows to inf on large logits and
underflows to a sum of 0 (log 0 = -inf) on very negative ones."""
# expect-fail: cross_entropy[huge_logits] cross_entropy[every_logit_very_negative] cross_entropy[huge_logits_float64]
# hint: never-the-log-of-a-softmax
import numpy as np


def cross_entropy(logits, targets, reduction="mean"):
    log_total = np.log(np.exp(logits).sum(axis=1))
    losses = log_total - logits[np.arange(len(targets)), targets]
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
