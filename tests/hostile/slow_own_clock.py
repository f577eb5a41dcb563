# kata: conv2d
# track: numpy
# strict: yes
# expect: x the reference's time
"""Correct, but over a hundred times slower than it needs to be, and it slows the sandbox's clock to
hide it: time.perf_counter and time.monotonic run at a thousandth of their speed from import on, so a
sandbox that timed its own calls reported a fast solution. The grader's clock sees the real time."""
import time

import numpy as np

_perf_counter, _monotonic = time.perf_counter, time.monotonic
_start, _start_monotonic = _perf_counter(), _monotonic()
# setattr, which the static scan does not read: the patch must run, and fool nobody.
setattr(time, "perf_counter", lambda: _start + (_perf_counter() - _start) / 1000)
setattr(time, "monotonic", lambda: _start_monotonic + (_monotonic() - _start_monotonic) / 1000)


def conv2d(x, weight, bias=None, stride=1, padding=0):
    started = _perf_counter()
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
    # The slowness of a solution 150 times slower than this one, as a busy loop on the real clock.
    until = _perf_counter() + 150 * (_perf_counter() - started)
    while _perf_counter() < until:
        pass
    return out
