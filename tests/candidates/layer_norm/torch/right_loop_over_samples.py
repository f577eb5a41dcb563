"""Correct, in another style: one sample at a time, with plain sums, then torch.stack."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    count = 1
    for size in normalized_shape:
        count *= size
    leading = x.shape[:x.dim() - len(normalized_shape)]
    samples = x.reshape(-1, *normalized_shape)
    normalised = []
    for sample in samples:
        mean = sample.sum() / count
        variance = ((sample - mean) ** 2).sum() / count
        normalised.append((sample - mean) / (variance + eps) ** 0.5)
    out = torch.stack(normalised).reshape(*leading, *normalized_shape)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
