"""Right: every loss in float64, cast back; logsigmoid (an allowed building block) for the
logits, smooth L1 as a Huber divided by beta, explicit element counts."""
import torch
import torch.nn.functional as F


def _reduce(losses, reduction, like):
    if reduction == "sum":
        losses = losses.sum()
    elif reduction == "mean":
        losses = losses.sum() / losses.numel()
    elif reduction == "batchmean":
        losses = losses.sum() / losses.shape[0]
    return losses.to(like.dtype)


def mse_loss(input, target, reduction="mean"):
    d = input.double() - target.double()
    return _reduce(d * d, reduction, input)


def l1_loss(input, target, reduction="mean"):
    return _reduce(torch.abs(input.double() - target.double()), reduction, input)


def _huber(d, delta):
    quadratic = torch.clamp(d.abs(), max=delta)
    return 0.5 * quadratic**2 + delta * (d.abs() - quadratic)


def huber_loss(input, target, reduction="mean", delta=1.0):
    return _reduce(_huber(input.double() - target.double(), delta), reduction, input)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    return _reduce(_huber(input.double() - target.double(), beta) / beta, reduction, input)


def binary_cross_entropy(input, target, reduction="mean"):
    p, y = input.double(), target.double()
    losses = -(y * torch.clamp(torch.log(p), min=-100.0) + (1 - y) * torch.clamp(torch.log1p(-p), min=-100.0))
    return _reduce(losses, reduction, input)


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    x, y = input.double(), target.double()
    return _reduce(-y * F.logsigmoid(x) - (1 - y) * F.logsigmoid(-x), reduction, input)


def kl_div(input, target, reduction="mean"):
    x, t = input.double(), target.double()
    safe = torch.where(t > 0, t, torch.ones_like(t))
    losses = torch.where(t > 0, t * (torch.log(safe) - x), torch.zeros_like(t))
    return _reduce(losses, reduction, input)
