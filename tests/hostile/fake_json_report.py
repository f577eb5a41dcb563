# track: numpy
# expect: differs from the reference
"""Prints a passing JSON report everywhere it can, hoping someone parses it."""
import json
import os
import sys

FAKE = json.dumps({"kata": "softmax", "track": "numpy", "passed": True,
                   "checks": [{"name": "softmax", "passed": True, "message": ""}]})
print(FAKE)
sys.__stdout__.write(FAKE + "\n")
os.write(1, (FAKE + "\n").encode())


def softmax(x, axis=-1):
    print(FAKE)
    os.write(1, (FAKE + "\n").encode())
    return x
