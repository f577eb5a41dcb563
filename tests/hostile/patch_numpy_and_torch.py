# track: torch
# expect: differs from the reference
"""Patches NumPy and torch functions a grader might lean on, then returns a wrong answer."""
import numpy as np
import torch

np.allclose = lambda *args, **kwargs: True
np.array_equal = lambda *args, **kwargs: True
np.isfinite = lambda x: np.ones_like(x, dtype=bool)
torch.isfinite = lambda x: torch.ones_like(x, dtype=torch.bool)
torch.Tensor.__eq__ = lambda self, other: torch.ones_like(self, dtype=torch.bool)
torch.equal = lambda *args: True


def softmax(x, dim=-1):
    return x * 1.0
