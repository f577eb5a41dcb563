"""Classic bug: F.normalize of the centred sample, times sqrt(N). It divides by max(norm, 1e-12),
a clamp, where layer norm divides by sqrt(var + eps): eps is lost."""
# expect-fail: layer_norm[float64_input] layer_norm[float64_small_variance] layer_norm[near_constant_rows] layer_norm[non_default_eps]
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
