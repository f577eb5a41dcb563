"""Forbidden: group norm with a single group over (N, 1, features) is layer norm; the per-feature
weight and bias are applied by hand afterwards."""
import math

import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    samples = x.reshape(-1, 1, math.prod(shape))
    out = F.group_norm(samples, 1, eps=eps).reshape(x.shape)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
