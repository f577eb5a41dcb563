"""Correct, in another style: the trailing dimensions flattened into one row per sample,
torch.linalg.vector_norm for the root of the sum of squares, divided by √C inside the root."""
import math

import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    count = math.prod(shape)
    rows = x.reshape(-1, count)
    sum_of_squares = torch.linalg.vector_norm(rows, dim=-1, keepdim=True) ** 2
    out = (rows / torch.sqrt(sum_of_squares / count + eps)).reshape(x.shape)
    return out if weight is None else out * weight
