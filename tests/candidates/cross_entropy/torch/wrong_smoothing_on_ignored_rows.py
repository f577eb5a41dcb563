"""Classic bug: masks the ignored rows' target term but still charges them the smoothing term."""
# expect-fail: cross_entropy[label_smoothing_with_ignored_rows] cross_entropy[label_smoothing_with_ignored_rows_none] cross_entropy_with_every_row_ignored[mean_with_label_smoothing]
# hint: smoothing-over-all-classes
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    nll = torch.where(kept, -picked, 0.0)
    losses = (1 - label_smoothing) * nll - label_smoothing * log_probs.mean(dim=1)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
