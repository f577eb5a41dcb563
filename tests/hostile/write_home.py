# track: numpy
# expect: tried to write
"""Writes into ~, into the real home and into /tmp (errors swallowed) behind a correct answer."""
import os
import pwd

import numpy as np

TARGETS = [os.path.expanduser("~/kit-pwned.txt"), os.path.join(pwd.getpwuid(os.getuid()).pw_dir, "kit-pwned.txt"),
           "/tmp/kit-pwned.txt", os.environ.get("KIT_TEST_REAL_HOME", "/nonexistent") + "/kit-pwned.txt"]


def softmax(x, axis=-1):
    for target in TARGETS:
        try:
            with open(target, "w") as handle:
                handle.write("pwned")
        except Exception:
            pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
