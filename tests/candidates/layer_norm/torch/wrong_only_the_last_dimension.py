"""Classic bug: always normalises over the last dimension, even when normalized_shape names two:
each row of a (4, 5) sample gets its own statistics instead of sharing the sample's."""
# expect-fail: layer_norm[two_trailing_dimensions] layer_norm[normalized_over_every_dimension] layer_norm[float64_variance_equal_to_eps]
# hint: which-axes
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, keepdim=True, correction=0)
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
