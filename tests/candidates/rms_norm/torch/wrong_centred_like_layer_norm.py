"""Classic bug: layer norm's variance, the input centred first: (x - mean) / sqrt(var + eps). RMS
norm subtracts nothing."""
# expect-fail: rms_norm[rows_with_an_int_normalized_shape] rms_norm[two_trailing_dimensions] rms_norm[feature_size_one] rms_norm[huge_values]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    dims = tuple(range(-len(shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt((centred * centred).mean(dim=dims, keepdim=True) + eps)
    return out if weight is None else out * weight
