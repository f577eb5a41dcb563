"""Classic bug: batch norm's axis. The mean and variance are taken over dim 0, each feature across
the samples, instead of each sample across its features."""
# expect-fail: layer_norm[rows_with_an_int_normalized_shape] layer_norm[tokens_with_a_one_element_tuple] layer_norm[rows_of_very_different_scale]
# hint: which-axes
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    mean = x.mean(dim=0, keepdim=True)
    var = x.var(dim=0, keepdim=True, correction=0)
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
