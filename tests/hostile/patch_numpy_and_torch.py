# track: torch
# expect: differs from the reference
"""Patches NumPy and torch functions a grader might lean on, then returns a wrong answer."""
import numpy as np
import torch

# setattr, which the static scan does not read: the patches must run, and change nothing.
setattr(np, "allclose", lambda *args, **kwargs: True)
setattr(np, "array_equal", lambda *args, **kwargs: True)
setattr(np, "isfinite", lambda x: np.ones_like(x, dtype=bool))
setattr(torch, "isfinite", lambda x: torch.ones_like(x, dtype=torch.bool))
setattr(torch.Tensor, "__eq__", lambda self, other: torch.ones_like(self, dtype=torch.bool))
setattr(torch, "equal", lambda *args: True)


def softmax(x, dim=-1):
    return x * 1.0
