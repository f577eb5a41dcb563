# track: numpy
# expect: network
"""Tries to reach the network (errors swallowed) behind a correct answer."""
import socket

import numpy as np


def softmax(x, axis=-1):
    try:
        socket.create_connection(("1.1.1.1", 80), timeout=1).close()
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
