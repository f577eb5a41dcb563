# track: numpy
# expect: reached into the interpreter|tried to start or signal a process
"""Calls libc's system() through ctypes (errors swallowed), then answers correctly."""
import ctypes

import numpy as np


def softmax(x, axis=-1):
    try:
        ctypes.CDLL(None).system(b"touch /tmp/kit-ctypes-pwned")
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
