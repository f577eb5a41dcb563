# track: numpy
# expect: time limit
# timeout: 5
"""Shrinks its pipes to one page and replaces the sandbox's wire reader with one that, on the first
large request (long_rows), stops reading and sleeps: the grader's write must give up at the time
limit instead of blocking, and the grader must end the sandbox rather than leave it behind."""
import fcntl
import os
import sys
import time

import numpy as np

F_SETPIPE_SZ = 1031


def softmax(x, axis=-1):
    wire = getattr(sys, "modules")["interviewkit.grading.sandbox.wire"]
    if not getattr(wire, "patched", False):
        for name in os.listdir("/proc/self/fd"):
            try:
                fcntl.fcntl(int(name), F_SETPIPE_SZ, 4096)
            except OSError:
                pass
        original = wire._read_exactly

        def read_exactly(fd, count, deadline=None):
            data = original(fd, count, deadline)
            if count == 8 and int.from_bytes(data, "little") > 8192:
                while True:
                    time.sleep(1)
            return data

        wire._read_exactly = read_exactly
        wire.patched = True
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
