"""Forbidden: switches torch-function handling and the dispatch modes off, then calls layer norm."""
import torch
from torch.utils._python_dispatch import _disable_current_modes


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    with torch._C.DisableTorchFunction(), _disable_current_modes():
        return torch.layer_norm(x, shape, weight, bias, eps)
