"""Classic bug: eps=None taken as float32's eps, 1.19e-7, whatever the dtype: float64 inputs need
2.22e-16. Right for float32."""
# expect-fail: rms_norm[default_eps_on_tiny_rows_in_float64] rms_norm[default_eps_on_tiny_samples_of_two_dimensions_in_float64]
# hint: eps-and-its-default
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(torch.float32).eps if eps is None else eps
    out = x / torch.sqrt((x * x).mean(dim=tuple(range(-len(shape), 0)), keepdim=True) + eps)
    return out if weight is None else out * weight
