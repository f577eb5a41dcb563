"""Classic bug: the variance as E[x²] - E[x]², in float32. Algebraically right; numerically it
cancels catastrophically when |mean| >> std (both terms ~1e6 for a row 1000 + noise)."""
# expect-fail: layer_norm[large_offsets] layer_norm[near_constant_rows]
# hint: subtract-the-mean-first
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    var = (x * x).mean(dim=dims, keepdim=True) - mean * mean
    out = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
