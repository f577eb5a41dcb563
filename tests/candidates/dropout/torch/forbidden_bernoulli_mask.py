"""Forbidden: the mask in one call of torch.bernoulli."""
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    keep = torch.bernoulli(torch.full_like(x, 1 - p), generator=generator)
    return x * keep / (1 - p) if p < 1 else x * 0
