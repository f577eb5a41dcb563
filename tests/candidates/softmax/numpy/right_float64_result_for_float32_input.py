"""Right (with a note): computes and returns float64 for float32 input, as np.zeros(shape) or NumPy 2's
promotion gives; graded at the input's tolerance, and failed only by kit grade --strict."""
import numpy as np


def softmax(x, axis=-1):
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
