"""Forbidden: the numpy track is NumPy only; this borrows torch's losses."""
import torch
import torch.nn.functional as F


def _call(f, input, target, **options):
    return f(torch.from_numpy(input), torch.from_numpy(target), **options).numpy()


def mse_loss(input, target, reduction="mean"):
    return _call(F.mse_loss, input, target, reduction=reduction)


def l1_loss(input, target, reduction="mean"):
    return _call(F.l1_loss, input, target, reduction=reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    return _call(F.smooth_l1_loss, input, target, reduction=reduction, beta=beta)


def huber_loss(input, target, reduction="mean", delta=1.0):
    return _call(F.huber_loss, input, target, reduction=reduction, delta=delta)


def binary_cross_entropy(input, target, reduction="mean"):
    return _call(F.binary_cross_entropy, input, target, reduction=reduction)


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    return _call(F.binary_cross_entropy_with_logits, input, target, reduction=reduction)


def kl_div(input, target, reduction="mean"):
    return _call(F.kl_div, input, target, reduction=reduction)
