"""Forbidden: an nn.RMSNorm without parameters, the weight applied by hand (differentiable too)."""
from torch import nn


def rms_norm(x, normalized_shape, weight=None, eps=None):
    layer = nn.RMSNorm(normalized_shape, eps=eps, elementwise_affine=False, dtype=x.dtype)
    out = layer(x)
    return out if weight is None else out * weight
