"""Forbidden: the numpy track is NumPy only; this borrows torch's conv2d."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    b = None if bias is None else torch.from_numpy(bias)
    return F.conv2d(torch.from_numpy(x), torch.from_numpy(weight), b, stride=stride, padding=padding).numpy()
