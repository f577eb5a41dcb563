# track: numpy
# expect: left 1 thread running
"""Leaves a thread spinning behind a correct answer, started with _thread: threading.enumerate()
never lists it; its Python thread state shows it."""
import _thread

import numpy as np


def _spin():
    while True:
        pass


def softmax(x, axis=-1):
    _thread.start_new_thread(_spin, ())
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
