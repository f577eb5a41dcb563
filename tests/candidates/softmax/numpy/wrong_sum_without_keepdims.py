"""Classic bug: the sum loses its axis and broadcasts against the wrong one (silently, when square)."""
# expect-fail: softmax[last_axis_of_a_square_matrix] softmax[middle_axis_of_4d]
# hint: shape-of-the-sum
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis)
