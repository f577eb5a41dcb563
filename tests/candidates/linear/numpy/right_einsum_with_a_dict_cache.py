"""Correct: einsum and tensordot over every leading axis at once (no reshape), the cache a dict."""
import numpy as np


def linear_forward(x, w, b=None):
    out = np.einsum("...i,io->...o", x, w)
    if b is not None:
        out += b
    return out, {"x": x, "w": w, "has_bias": b is not None}


def linear_backward(dout, cache):
    x, w = cache["x"], cache["w"]
    dx = np.einsum("...o,io->...i", dout, w)
    leading = tuple(range(dout.ndim - 1))
    dw = np.tensordot(x, dout, axes=(leading, leading))
    db = dout.sum(axis=leading) if cache["has_bias"] else None
    return dx, dw, db
