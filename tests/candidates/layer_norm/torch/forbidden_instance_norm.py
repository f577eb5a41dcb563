"""Forbidden: instance norm of (1, samples, features) normalises every "channel" (a sample) over its
"length" (the features)."""
import math

import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    out = F.instance_norm(x.reshape(1, -1, math.prod(shape)), eps=eps).reshape(x.shape)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
