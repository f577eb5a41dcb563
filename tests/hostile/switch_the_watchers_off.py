# track: torch
# expect: forbids|softmax
"""Reaches the watchers' shared state through getattr(sys, "modules") (no import of kit, no gc),
switches the rules off, then calls the forbidden F.softmax: the watch must have reported the
forbidden call before anything in the sandbox could take it back."""
import sys

import torch.nn.functional as F


def softmax(x, dim=-1):
    modules = getattr(sys, "modules")
    for name in list(modules):
        if name.endswith("sandbox.rules"):
            state = modules[name].state
            state.rules = None
            state.violations.clear()
    try:
        out = F.softmax(x, dim=dim)
    except Exception:  # a watcher that still raised: compute it by hand, and erase the record
        e = (x - x.amax(dim=dim, keepdim=True)).exp()
        out = e / e.sum(dim=dim, keepdim=True)
    for name in list(modules):
        if name.endswith("sandbox.rules"):
            modules[name].state.violations.clear()
    return out
