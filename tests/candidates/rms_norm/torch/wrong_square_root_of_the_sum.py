"""Classic bug: the square root of the sum of squares, the L2 norm, instead of the mean: every
output is √C times too small."""
# expect-fail: rms_norm[rows_with_an_int_normalized_shape] rms_norm[two_trailing_dimensions] rms_norm[vector] rms_norm[huge_values*]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    out = x / torch.sqrt((x * x).sum(dim=tuple(range(-len(shape), 0)), keepdim=True) + eps)
    return out if weight is None else out * weight
