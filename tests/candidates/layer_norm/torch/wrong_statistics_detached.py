"""Classic bug: the mean and the variance are computed from x.detach(), as constants. The output
is right and so are the gradients of weight and bias; the gradient of x misses the terms that
flow through the statistics."""
# expect-fail: layer_norm[rows_with_an_int_normalized_shape] layer_norm[tokens_with_a_one_element_tuple] layer_norm[float64_input]
# hint: weight-bias-and-autograd
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    with torch.no_grad():
        mean = x.mean(dim=dims, keepdim=True)
        var = x.var(dim=dims, keepdim=True, correction=0)
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
