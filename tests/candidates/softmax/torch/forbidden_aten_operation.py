"""Forbidden: the low-level ATen operation behind torch.softmax, called directly."""
import torch


def softmax(x, dim=-1):
    return torch.ops.aten._softmax(x, dim, False)
