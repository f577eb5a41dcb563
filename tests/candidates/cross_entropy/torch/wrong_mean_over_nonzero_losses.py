"""Classic bug: the mean divides by the rows whose loss is non-zero, standing in for the rows that
are not ignored; a kept row predicted with full confidence has a loss of exactly 0 and drops out."""
# expect-fail: cross_entropy[mean_with_kept_rows_of_zero_loss]
# hint: ignored-rows
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    kept = targets != ignore_index
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    picked = -log_probs.gather(1, targets.masked_fill(~kept, 0)[:, None]).squeeze(1)
    losses = (1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, torch.zeros_like(losses))
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses[losses != 0].mean()
