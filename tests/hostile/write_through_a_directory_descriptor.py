# track: numpy
# expect: tried to write|tried to change the file system
"""Writes a file in the user's home by a relative name opened against a descriptor of that folder
(os.open's dir_fd, which the audit event does not carry), and through a symbolic link to it from the
sandbox's own TMPDIR, errors swallowed, behind a correct answer. The test checks that the home holds
nothing new afterwards."""
import os
import tempfile

import numpy as np

HOME = os.environ.get("KIT_TEST_REAL_HOME", "/nonexistent")


def softmax(x, axis=-1):
    try:
        folder = os.open(HOME, os.O_RDONLY)
        os.close(os.open("kit-pwned-by-dir-fd.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder))
    except Exception:
        pass
    try:
        link = os.path.join(tempfile.gettempdir(), "out")
        os.symlink(HOME, link)
        with open(os.path.join(link, "kit-pwned-by-link.txt"), "w") as handle:
            handle.write("pwned")
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
