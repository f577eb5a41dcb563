"""Forbidden: calls the library softmax and swallows the error; the call is still reported."""
import torch


def softmax(x, dim=-1):
    try:
        return torch.softmax(x, dim)
    except Exception:
        return torch.exp(x - torch.logsumexp(x, dim=dim, keepdim=True))
