"""Classic bug: the log of a (stable) softmax; with huge logits a probability underflows to 0 and
log 0 = -inf, so the loss is inf (and its gradient NaN)."""
# expect-fail: cross_entropy[huge_logits] cross_entropy[huge_logits_float64] cross_entropy[rows_of_very_different_scale] cross_entropy[label_smoothing_with_huge_logits]
# hint: never-the-log-of-a-softmax
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    e = torch.exp(logits - logits.amax(dim=1, keepdim=True))
    log_probs = torch.log(e / e.sum(dim=1, keepdim=True))
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    losses = -(1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
