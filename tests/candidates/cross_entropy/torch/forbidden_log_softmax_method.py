"""Forbidden: Tensor.log_softmax, the library's log-softmax, is the heart of the loss."""
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    log_probs = logits.log_softmax(dim=1)
    kept = targets != ignore_index
    picked = log_probs.gather(1, torch.where(kept, targets, 0)[:, None])[:, 0]
    losses = torch.where(kept, -(1 - label_smoothing) * picked - label_smoothing * log_probs.mean(dim=1), 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
