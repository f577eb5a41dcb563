"""Forbidden: the forward pass by hand, but the backward pass through the library's softmax."""
import torch


class _Loss(torch.autograd.Function):
    @staticmethod
    def forward(ctx, logits, targets):
        ctx.save_for_backward(logits, targets)
        return torch.logsumexp(logits, dim=1) - logits.gather(1, targets[:, None])[:, 0]

    @staticmethod
    def backward(ctx, grad):
        logits, targets = ctx.saved_tensors
        probs = torch.softmax(logits, dim=1)
        probs = probs - torch.nn.functional.one_hot(targets, logits.shape[1]).to(probs.dtype)
        return grad[:, None] * probs, None


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    kept = targets != ignore_index
    nll = _Loss.apply(logits, torch.where(kept, targets, 0))
    smooth = torch.logsumexp(logits, dim=1) - logits.mean(dim=1)
    losses = torch.where(kept, (1 - label_smoothing) * nll + label_smoothing * smooth, 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
