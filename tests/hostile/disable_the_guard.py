# track: torch
# expect: reached into the interpreter|forbids
"""Finds the guard's state through the garbage collector, switches it off, then calls F.softmax."""
import gc

import torch.nn.functional as F


def softmax(x, dim=-1):
    for thing in gc.get_objects():
        if type(thing).__name__ in ("GuardState", "Rules"):
            try:
                thing.rules = None
            except Exception:
                pass
    return F.softmax(x, dim=dim)
