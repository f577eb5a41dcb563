"""Forbidden: training-mode batch norm of the transposed (features, samples) matrix normalises each
sample over its features, with the biased variance: layer norm by another name."""
import math

import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    rows = x.reshape(-1, math.prod(shape))
    out = F.batch_norm(rows.T, None, None, training=True, eps=eps).T.reshape(x.shape)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
