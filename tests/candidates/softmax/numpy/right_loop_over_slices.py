"""Correct, in another style: move the axis last and loop over the slices with math.exp."""
import math

import numpy as np


def softmax(x, axis=-1):
    moved = np.moveaxis(x, axis, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = np.empty_like(rows)
    for i, row in enumerate(rows):
        top = max(row)
        exps = [math.exp(value - top) for value in row]
        total = sum(exps)
        out[i] = [e / total for e in exps]
    return np.moveaxis(out.reshape(moved.shape), -1, axis)
