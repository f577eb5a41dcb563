"""Forbidden: the library RMS norm itself (with an int turned into a tuple)."""
import torch.nn.functional as F


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    return F.rms_norm(x, shape, weight, eps)
