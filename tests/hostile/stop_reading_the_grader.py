# track: numpy
# expect: time limit
# timeout: 5
"""Replaces the sandbox's wire reader with one that, on the first large request (long_rows), stops
reading and sleeps: the grader must give up at the time limit instead of blocking, and end the
sandbox rather than leave it behind. (It once shrank its pipes to one page with fcntl first, so
that the grader's write blocked too: the audit hook's allowlist now refuses fcntl.)"""
import sys
import time

import numpy as np


def softmax(x, axis=-1):
    wire = getattr(sys, "modules")["interviewkit.grading.sandbox.wire"]
    if not getattr(wire, "patched", False):
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
