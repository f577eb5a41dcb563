"""Classic bug: the statistics lose their reduced dimension. On most shapes x - mean raises; on a
square (6, 6) input, or (1, 6, 6), mean[j] is subtracted from column j instead of row j: no
error, wrong numbers."""
# expect-fail: layer_norm[square_matrix] layer_norm[batch_of_one_with_as_many_tokens_as_features]
# hint: which-axes
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims)
    var = ((x - mean) ** 2).mean(dim=dims)
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
