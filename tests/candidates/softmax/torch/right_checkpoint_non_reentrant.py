"""Right: the softmax under non-reentrant activation checkpointing (recomputed in the backward pass),
which loads torch._dynamo on its first call."""
import torch
from torch.utils.checkpoint import checkpoint


def _softmax(x, dim):
    shifted = x - x.amax(dim=dim, keepdim=True)
    e = shifted.exp()
    return e / e.sum(dim=dim, keepdim=True)


def softmax(x, dim=-1):
    return checkpoint(_softmax, x, dim, use_reentrant=False)
