"""Right: the element-wise losses as one function each, a dictionary of reductions, -log sigmoid
as logaddexp(0, -x), and the branches picked with a boolean mask."""
import torch

REDUCE = {
    "none": lambda v: v,
    "sum": lambda v: v.sum(),
    "mean": lambda v: v.sum() / v.numel(),
    "batchmean": lambda v: v.sum() / v.size(0),
}


def mse_loss(input, target, reduction="mean"):
    return REDUCE[reduction]((input - target).pow(2))


def l1_loss(input, target, reduction="mean"):
    return REDUCE[reduction]((target - input).abs())


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    d = (input - target).abs()
    small = (d < beta).to(d.dtype)
    return REDUCE[reduction](small * d.pow(2) / (2 * beta) + (1 - small) * (d - beta / 2))


def huber_loss(input, target, reduction="mean", delta=1.0):
    d = (input - target).abs()
    small = (d <= delta).to(d.dtype)
    return REDUCE[reduction](small * d.pow(2) / 2 + (1 - small) * delta * (d - delta / 2))


def binary_cross_entropy(input, target, reduction="mean"):
    floor = torch.tensor(-100.0, dtype=input.dtype)
    losses = -(target * torch.maximum(input.log(), floor) + (1 - target) * torch.maximum((1 - input).log(), floor))
    return REDUCE[reduction](losses)


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    zero = torch.zeros_like(input)
    losses = target * torch.logaddexp(zero, -input) + (1 - target) * torch.logaddexp(zero, input)
    return REDUCE[reduction](losses)


def kl_div(input, target, reduction="mean"):
    return REDUCE[reduction](torch.xlogy(target, target) - target * input)
