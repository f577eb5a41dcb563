"""Forbidden: local response norm with a window of 2C - 1 channels sees every feature from every
feature; with alpha = (2C - 1) / C, k = eps and beta = 1/2 it divides a centred input by
sqrt(var + eps)."""
import math

import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    count = math.prod(shape)
    rows = x.reshape(-1, count, 1)
    centred = rows - rows.mean(dim=1, keepdim=True)
    size = 2 * count - 1
    out = F.local_response_norm(centred, size, alpha=size / count, beta=0.5, k=eps).reshape(x.shape)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
