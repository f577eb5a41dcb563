"""Forbidden: torch's Python reference of softmax (torch._refs), built from primitives."""
import torch._refs


def softmax(x, dim=-1):
    return torch._refs.softmax(x, dim)
