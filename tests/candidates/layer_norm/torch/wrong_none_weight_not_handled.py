"""Classic bug: assumes weight and bias are always given; None * tensor raises."""
# expect-fail: layer_norm[without_weight_and_bias] layer_norm[weight_and_bias_given_as_none] layer_norm[weight_without_bias] layer_norm[bias_without_weight]
# hint: weight-bias-and-autograd
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    return centred / torch.sqrt((centred ** 2).mean(dim=dims, keepdim=True) + eps) * weight + bias
