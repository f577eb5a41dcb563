"""Classic bug: zeroes the ignored rows but still divides their sum by N, all the rows."""
# expect-fail: cross_entropy[rows_ignored_by_the_default_index] cross_entropy[custom_ignore_index_that_is_a_class] cross_entropy[label_smoothing_with_ignored_rows] cross_entropy_with_every_row_ignored[mean]
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
    return losses.sum() if reduction == "sum" else losses.mean()
