# track: numpy
# expect: tried to start or signal a process
"""Runs a shell command (errors swallowed) behind a correct answer."""
import subprocess

import numpy as np


def softmax(x, axis=-1):
    try:
        subprocess.run(["sh", "-c", "touch /tmp/kit-subprocess-pwned"], check=False)
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
