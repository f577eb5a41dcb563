"""Forbidden: the masked-softmax kernel with a mask that masks nothing is softmax itself."""
import torch


def softmax(x, dim=-1):
    return torch._masked_softmax(x, torch.zeros_like(x, dtype=torch.bool), dim % x.ndim, 0)
