# track: numpy
# expect: unreadable reply
"""Replaces the sandbox's wire.send (reached through getattr(sys, "modules")) with one that frames a reply whose
JSON nests a hundred thousand lists: decoding it must be an unreadable reply, not a crash of kit."""
import os
import struct
import sys

import numpy as np


def softmax(x, axis=-1):
    wire = getattr(sys, "modules")["interviewkit.grading.sandbox.wire"]

    def send(fd, value, *rest):
        head = b"[" * 100_000 + b"]" * 100_000
        body = struct.pack("<II", len(head), 0) + head
        os.write(fd, struct.pack("<Q", len(body)) + body)

    wire.send = send
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
