"""Forbidden: switches torch-function handling and the dispatch modes off, then calls the loss."""
import torch
from torch.utils._python_dispatch import _disable_current_modes


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    with torch._C.DisableTorchFunction(), _disable_current_modes():
        return torch._C._nn.cross_entropy_loss(logits, targets, None, {"none": 0, "mean": 1, "sum": 2}[reduction],
                                               ignore_index, label_smoothing)
