"""Semantic slip: guards the mean's division (clamp(min=1)), so a batch with every row ignored
gives 0 where PyTorch gives 0 / 0 = NaN."""
# expect-fail: cross_entropy_with_every_row_ignored[mean] cross_entropy_with_every_row_ignored[mean_with_label_smoothing]
# hint: ignored-rows
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    losses = -(1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum().clamp(min=1)
