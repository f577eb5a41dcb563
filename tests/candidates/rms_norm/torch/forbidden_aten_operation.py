"""Forbidden: the ATen operation behind F.rms_norm, called through torch.ops."""
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    return torch.ops.aten.rms_norm(x, shape, weight, eps)
