"""Classic bug: subtracts the maximum in place, changing the caller's array."""
# expect-fail: softmax[default_axis] softmax[huge_magnitudes]
# hint: shape-of-the-sum
import numpy as np


def softmax(x, axis=-1):
    x -= x.max(axis=axis, keepdims=True)
    np.exp(x, out=x)
    return x / x.sum(axis=axis, keepdims=True)
