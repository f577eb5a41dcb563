# track: numpy
# expect: tried to start or signal a process
"""A fork bomb, errors swallowed; returns a correct answer to prove the attempt alone fails it."""
import os

import numpy as np


def softmax(x, axis=-1):
    for _ in range(1000):
        try:
            os.fork()
        except Exception:
            pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
