"""Classic bug: an int normalized_shape taken to mean "every feature of a sample", so the statistics
run over every dimension after the first; an int C is the last dimension alone, as in
nn.LayerNorm(C) on (batch, tokens, C)."""
# expect-fail: layer_norm[tokens_with_an_int_normalized_shape]
# hint: which-axes
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    if isinstance(normalized_shape, int):
        dims = tuple(range(1, x.dim())) if x.dim() > 1 else (0,)
    else:
        dims = tuple(range(x.dim() - len(normalized_shape), x.dim()))
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, keepdim=True, unbiased=False)
    out = (x - mean) * torch.rsqrt(var + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
