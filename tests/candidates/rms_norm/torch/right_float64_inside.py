"""Correct, in another style: computed in float64 with rsqrt and cast back to x's dtype (eps=None
is still the eps of x's own dtype, not float64's)."""
import torch


def rms_norm(x, normalized_shape, weight=None, eps=None):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    eps = torch.finfo(x.dtype).eps if eps is None else eps
    wide = x.double()
    out = wide * torch.rsqrt(wide.pow(2).mean(dim=tuple(range(-len(shape), 0)), keepdim=True) + eps)
    if weight is not None:
        out = out * weight.double()
    return out.to(x.dtype)
