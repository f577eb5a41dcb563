"""Classic bug: no eps at all, (x - mean) / std. A constant row (or a single feature) is 0 / 0 = NaN,
and a variance near eps comes out far too large."""
# expect-fail: layer_norm[constant_rows] layer_norm[feature_size_one] layer_norm[near_constant_rows] layer_norm[float64_input]
# hint: the-variance-and-eps
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt((centred ** 2).mean(dim=dims, keepdim=True))
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
