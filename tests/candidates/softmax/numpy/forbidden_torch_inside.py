"""Forbidden: the numpy track is NumPy only; this borrows torch's softmax."""
import torch


def softmax(x, axis=-1):
    return torch.softmax(torch.from_numpy(x), dim=axis).numpy()
