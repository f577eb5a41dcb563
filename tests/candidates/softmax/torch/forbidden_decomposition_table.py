"""Forbidden: torch's own Python decomposition of the softmax operation, which computes it from
allowed operations (exp, amax, sum); its table is found without naming it, so only the wrapped
decomposition can catch it."""
import importlib

import torch


def softmax(x, dim=-1):
    table = vars(importlib.import_module("torch." + "_decomp"[::-1][::-1]))["decomposition" + "_table"]
    decomposition = next(f for op, f in table.items() if str(op) == "aten." + "_softmax.default")
    return decomposition(x, dim, False)
