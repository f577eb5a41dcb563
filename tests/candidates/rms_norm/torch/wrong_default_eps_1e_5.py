"""Classic bug: eps=None taken as 1e-5, layer norm's default, instead of torch.finfo(x.dtype).eps."""
# expect-fail: rms_norm[default_eps_on_tiny_rows] rms_norm[default_eps_on_tiny_rows_in_float64]
# hint: eps-and-its-default
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = 1e-5 if eps is None else eps
    out = x / torch.sqrt((x * x).mean(dim=tuple(range(-len(shape), 0)), keepdim=True) + eps)
    return out if weight is None else out * weight
