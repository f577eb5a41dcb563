# kata: conv2d
# track: numpy
# strict: yes
# expect: timed call 1 of 4 on the timing case
"""Correct but slow on every case the grader checks, and on the timing case, spotted by its size,
returns zeros of the right shape at once: a grader that timed the call without checking its output
found it fast."""
import time

import numpy as np

TIMING_SIZE = 4 * 8 * 24 * 24  # no other case's x is a tenth of this


def conv2d(x, weight, bias=None, stride=1, padding=0):
    if x.size >= TIMING_SIZE:
        height, width = x.shape[2] + 2 * padding - weight.shape[2] + 1, x.shape[3] + 2 * padding - weight.shape[3] + 1
        return np.zeros((x.shape[0], weight.shape[0], height, width), dtype=x.dtype)
    return _slow_conv2d(x, weight, bias, stride, padding)


def _slow_conv2d(x, weight, bias, stride, padding):
    """Correct, but about a hundred times slower than it needs to be (a busy loop stands for the slow code)."""
    started = time.perf_counter()
    stride_h, stride_w = (stride, stride) if isinstance(stride, int) else stride
    pad_h, pad_w = (padding, padding) if isinstance(padding, int) else padding
    kernel_h, kernel_w = weight.shape[2:]
    padded = np.pad(x, ((0, 0), (0, 0), (pad_h, pad_h), (pad_w, pad_w)))
    out_h = (padded.shape[2] - kernel_h) // stride_h + 1
    out_w = (padded.shape[3] - kernel_w) // stride_w + 1
    out = np.zeros((x.shape[0], weight.shape[0], out_h, out_w), dtype=x.dtype)
    for i in range(out_h):
        for j in range(out_w):
            window = padded[:, :, i * stride_h:i * stride_h + kernel_h, j * stride_w:j * stride_w + kernel_w]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias[:, None, None]
    until = time.perf_counter() + 100 * (time.perf_counter() - started)
    while time.perf_counter() < until:
        pass
    return out
