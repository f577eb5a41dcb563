"""Correct, in another style: compute in float64, hand back the input's dtype."""
import numpy as np


def softmax(x, axis=-1):
    wide = x.astype(np.float64)
    e = np.exp(wide - np.max(wide, axis=axis, keepdims=True))
    return (e / np.sum(e, axis=axis, keepdims=True)).astype(x.dtype)
