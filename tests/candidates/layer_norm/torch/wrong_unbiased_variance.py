"""Classic bug: torch.var divides by N - 1 unless told otherwise; layer norm's variance is the
biased one (divided by N). A single feature makes it 0 / 0."""
# expect-fail: layer_norm[rows_with_an_int_normalized_shape] layer_norm[float64_small_variance] layer_norm[feature_size_one]
# hint: the-variance-and-eps
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, keepdim=True)
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
