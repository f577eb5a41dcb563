"""Right: masked_fill of the dropped entries, then one multiplication by 1 / (1 - p)."""
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if training and p == 1:
        return x.mul(0.0)
    if training and p > 0:
        drop = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) < p
        return x.masked_fill(drop, 0.0) * (1.0 / (1.0 - p))
    return x
