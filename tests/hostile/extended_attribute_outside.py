# track: numpy
# expect: os.setxattr
"""Sets an extended attribute on the candidate's own file (outside the scratch folder), errors
swallowed, behind a correct answer."""
import os

import numpy as np


def softmax(x, axis=-1):
    try:
        os.setxattr(__file__, "user.kit", b"pwned")
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
