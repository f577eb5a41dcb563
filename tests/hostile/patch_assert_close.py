# track: torch
# expect: differs from the reference
"""Patches the comparisons a grader might use, then returns zeros."""
import numpy as np
import torch
import torch.testing

# setattr, which the static scan does not read (it refuses `torch.allclose = ...`): the patches
# must run, in the sandbox, and change nothing in the grader.
setattr(torch.testing, "assert_close", lambda *args, **kwargs: None)
setattr(torch, "allclose", lambda *args, **kwargs: True)
setattr(np.testing, "assert_allclose", lambda *args, **kwargs: None)


def softmax(x, dim=-1):
    return torch.zeros_like(x) * x
