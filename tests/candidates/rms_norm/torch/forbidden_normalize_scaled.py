"""Forbidden: F.normalize (x / max(‖x‖, eps)) times √C is an RMS norm with eps outside the root;
the normalization family forbids it with the rest."""
import math

import torch.nn.functional as F


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    count = math.prod(shape)
    rows = x.reshape(-1, count)
    out = (F.normalize(rows, dim=-1) * math.sqrt(count)).reshape(x.shape)
    return out if weight is None else out * weight
