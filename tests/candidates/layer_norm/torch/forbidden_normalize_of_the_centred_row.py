"""Layer norm through a library normalisation: F.normalize of the centred row, times sqrt(N) (it
also loses eps to a clamp). F.normalize is in the normalization family, so it is refused by name."""
import math

import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    rows = x.reshape(-1, math.prod(shape))
    centred = rows - rows.mean(dim=1, keepdim=True)
    out = (F.normalize(centred, dim=1) * math.sqrt(rows.shape[1])).reshape(x.shape)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
