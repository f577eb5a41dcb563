"""Classic bug: no maximum subtracted, so exp overflows (inf / inf = NaN) or underflows (0 / 0)."""
# expect-fail: softmax[huge_magnitudes] softmax[all_very_negative] softmax[near_constant_rows]
# hint: subtract-the-maximum
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
