# track: numpy
# memory: 512
# expect: memory
"""Allocates (and touches) memory until something gives."""
import numpy as np


def softmax(x, axis=-1):
    hoard = []
    while True:
        hoard.append(np.ones(1 << 24))  # 128 MiB of float64 ones, each
