"""Classic bug: the normaliser taken from detached logits (as .item(), .data or a NumPy round trip
would): the loss has the right value, but its gradient misses the softmax term."""
# expect-fail: cross_entropy[mean_over_the_batch] cross_entropy[sum] cross_entropy[label_smoothing]
# hint: dtype-and-autograd
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    log_probs = logits - torch.logsumexp(logits.detach(), dim=1, keepdim=True)
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    losses = -(1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
