"""Classic bug: x upcast to float64 first, and eps=None then read from the copy's dtype: float32
inputs get float64's eps, 2.22e-16, instead of their own 1.19e-7."""
# expect-fail: rms_norm[default_eps_on_tiny_rows] rms_norm[rows_of_very_different_scale]
# hint: eps-and-its-default
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dtype, x = x.dtype, x.double()
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    out = x / torch.sqrt((x * x).mean(dim=tuple(range(-len(shape), 0)), keepdim=True) + eps)
    if weight is not None:
        out = out * weight.double()
    return out.to(dtype)
