"""Classic bug: the normalised values are returned without the weight."""
# expect-fail: rms_norm[rows_with_an_int_normalized_shape] rms_norm[two_trailing_dimensions] rms_norm[float64_input] rms_norm[feature_size_one]
# hint: which-axes
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    return x / torch.sqrt((x * x).mean(dim=tuple(range(-len(shape), 0)), keepdim=True) + eps)
