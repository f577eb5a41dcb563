"""Forbidden: softmin(-x) is softmax by another name; the same kernel runs."""
import torch.nn.functional as F


def softmax(x, dim=-1):
    return F.softmin(-x, dim=dim)
