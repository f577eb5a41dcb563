# track: torch
# expect: forbids
"""Reaches F.softmax through getattr and a name built from pieces."""
import torch.nn.functional as F

_name = "soft" + "max"


def softmax(x, dim=-1):
    return getattr(F, "soft" + "max")(x, dim)
