"""Classic bug: scales by the bias and shifts by the weight."""
# expect-fail: layer_norm[rows_with_an_int_normalized_shape] layer_norm[two_trailing_dimensions]
# hint: weight-bias-and-autograd
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt((centred ** 2).mean(dim=dims, keepdim=True) + eps)
    if bias is not None:
        out = out * bias
    if weight is not None:
        out = out + weight
    return out
