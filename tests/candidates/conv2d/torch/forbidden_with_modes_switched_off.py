"""Forbidden: switches torch-function handling and the dispatch modes off, then convolves."""
import torch
from torch.utils._python_dispatch import _disable_current_modes


def conv2d(x, weight, bias=None, stride=1, padding=0):
    with torch._C.DisableTorchFunction(), _disable_current_modes():
        return torch.conv2d(x, weight, bias, stride, padding)
