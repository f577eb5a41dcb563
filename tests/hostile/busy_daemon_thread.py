# track: numpy
# expect: left 1 thread running
"""Leaves a daemon thread spinning behind a correct answer."""
import threading

import numpy as np


def _spin():
    while True:
        pass


def softmax(x, axis=-1):
    threading.Thread(target=_spin, daemon=True, name="spinner").start()
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
