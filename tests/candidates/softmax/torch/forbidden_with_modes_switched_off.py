"""Forbidden: switches torch-function handling and the dispatch modes off, then calls softmax."""
import torch
from torch.utils._python_dispatch import _disable_current_modes


def softmax(x, dim=-1):
    with torch._C.DisableTorchFunction(), _disable_current_modes():
        return torch.softmax(x, dim)
