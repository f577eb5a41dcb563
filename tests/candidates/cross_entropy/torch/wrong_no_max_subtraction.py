"""Classic bug: log(sum(exp(x))) with nothing subtracted: exp overflows to inf on large logits
(inf - inf = NaN), and underflows to a sum of 0 on very negative ones."""
# expect-fail: cross_entropy[huge_logits] cross_entropy[every_logit_very_negative] cross_entropy[huge_logits_float64]
# hint: never-the-log-of-a-softmax
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    log_probs = logits - torch.log(torch.exp(logits).sum(dim=1, keepdim=True))
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    losses = -(1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
