"""Correct, in another style: torch.var_mean with correction=0, and a multiplication by rsqrt."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = torch.Size([normalized_shape] if isinstance(normalized_shape, int) else normalized_shape)
    dims = list(range(x.dim() - len(shape), x.dim()))
    var, mean = torch.var_mean(x, dim=dims, correction=0, keepdim=True)
    out = (x - mean) * torch.rsqrt(var + eps)
    if weight is not None:
        out = torch.mul(out, weight)
    if bias is not None:
        out = torch.add(out, bias)
    return out
