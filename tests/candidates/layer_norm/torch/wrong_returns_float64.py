"""Classic bug: computes in float64 for accuracy and forgets to cast back: float32 inputs come back
as float64."""
# expect-fail: layer_norm[rows_with_an_int_normalized_shape] layer_norm[large_offsets]
# hint: weight-bias-and-autograd
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    wide = x.double()
    centred = wide - wide.mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt((centred ** 2).mean(dim=dims, keepdim=True) + eps)
    if weight is not None:
        out = out * weight.double()
    if bias is not None:
        out = out + bias.double()
    return out
