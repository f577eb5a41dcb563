"""Forbidden: an nn.LayerNorm whose parameters are swapped for the inputs (differentiable too)."""
from torch import nn


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    layer = nn.LayerNorm(normalized_shape, eps=eps, elementwise_affine=False, dtype=x.dtype)
    out = layer(x)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
