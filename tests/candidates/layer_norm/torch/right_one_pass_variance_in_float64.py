"""Correct, in another style: flatten each sample into a row and use E[x²] - E[x]², in float64,
where the cancellation costs 2·log10(|mean| / std) of 16 digits and float32's 7 survive."""
import math


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    rows = x.double().reshape(-1, math.prod(shape))
    mean = rows.mean(dim=1, keepdim=True)
    mean_of_squares = (rows ** 2).mean(dim=1, keepdim=True)
    out = ((rows - mean) / (mean_of_squares - mean ** 2 + eps).sqrt()).reshape(x.shape)
    if weight is not None:
        out = out * weight.double()
    if bias is not None:
        out = out + bias.double()
    return out.to(x.dtype)
