# track: numpy
# expect: tried to write
"""Writes a file in /tmp by a relative name opened against a descriptor of /tmp (os.open's dir_fd,
which the audit event does not carry), and into the scratch folder through a symbolic link to /tmp,
errors swallowed, behind a correct answer."""
import os
import tempfile

import numpy as np


def softmax(x, axis=-1):
    try:
        folder = os.open("/tmp", os.O_RDONLY)
        os.close(os.open("kit-pwned-by-dir-fd.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder))
    except Exception:
        pass
    try:
        link = os.path.join(tempfile.gettempdir(), "out")
        os.symlink("/tmp", link)
        with open(os.path.join(link, "kit-pwned-by-link.txt"), "w") as handle:
            handle.write("pwned")
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
