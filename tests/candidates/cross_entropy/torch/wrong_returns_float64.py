"""Classic bug: computes in float64 for accuracy and forgets to cast back, so float32 logits give a
float64 loss."""
# expect-fail: cross_entropy[mean_over_the_batch] cross_entropy[sum] cross_entropy[none_gives_one_loss_per_row]
# hint: dtype-and-autograd
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    wide = logits.double()
    log_probs = wide - torch.logsumexp(wide, dim=1, keepdim=True)
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    losses = -(1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
