"""Classic bug: builds the result in a float64 buffer, so float32 inputs come back as float64."""
# expect-fail: softmax[default_axis] softmax[vector]
# hint: shape-of-the-sum
import numpy as np


def softmax(x, axis=-1):
    out = np.zeros(x.shape)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    out[...] = e / e.sum(axis=axis, keepdims=True)
    return out
