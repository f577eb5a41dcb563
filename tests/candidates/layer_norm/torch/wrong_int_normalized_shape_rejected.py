"""Classic bug: treats normalized_shape as a tuple always, as F.layer_norm does; the contract (like
nn.LayerNorm) also accepts an int, and len(16) raises."""
# expect-fail: layer_norm[rows_with_an_int_normalized_shape] layer_norm[square_matrix] layer_norm[vector]
# hint: which-axes
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    dims = tuple(range(-len(normalized_shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt((centred ** 2).mean(dim=dims, keepdim=True) + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
