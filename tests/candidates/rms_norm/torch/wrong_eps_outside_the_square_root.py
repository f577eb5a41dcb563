"""Classic bug: eps added to the root mean square, x / (rms + eps), instead of under the square
root. On rows of ordinary size nothing changes; on tiny rows, or with a large eps, it is far off."""
# expect-fail: rms_norm[default_eps_on_tiny_rows] rms_norm[default_eps_on_tiny_rows_in_float64] rms_norm[explicit_eps] rms_norm[explicit_eps_in_float64]
# hint: eps-and-its-default
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    rms = torch.sqrt((x * x).mean(dim=tuple(range(-len(shape), 0)), keepdim=True))
    out = x / (rms + eps)
    return out if weight is None else out * weight
