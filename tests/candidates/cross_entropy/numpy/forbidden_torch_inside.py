"""Forbidden: the numpy track is NumPy only; this borrows torch's cross-entropy."""
import torch
import torch.nn.functional as F


def cross_entropy(logits, targets, reduction="mean"):
    return F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(targets).long(), reduction=reduction).numpy()
