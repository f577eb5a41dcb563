"""Classic bug: always normalises the last axis, whatever `axis` says."""
# expect-fail: softmax[first_axis_of_a_square_matrix] softmax[middle_axis_of_4d] softmax[negative_axis]
# hint: shape-of-the-sum
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
