"""Classic bug: treats the index vector `targets` as a one-hot matrix; it broadcasts along the
classes (an error when N != C, a silently wrong loss when N == C)."""
# expect-fail: cross_entropy[as_many_rows_as_classes] cross_entropy[mean_over_the_batch]
# hint: one-entry-per-row
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    losses = -(targets * log_probs).sum(dim=1)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
