"""Classic bug: one maximum for the whole array; rows far below it underflow to 0 / 0."""
# expect-fail: softmax[rows_of_very_different_scale]
# hint: subtract-the-maximum
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max())
    return e / e.sum(axis=axis, keepdims=True)
