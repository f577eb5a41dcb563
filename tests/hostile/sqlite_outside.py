# track: numpy
# expect: sqlite3.connect
"""Opens (and so creates) a SQLite database in the user's home, errors swallowed, behind a correct
answer: sqlite writes through its own C code, past Python's open()."""
import os
import sqlite3

import numpy as np


def softmax(x, axis=-1):
    try:
        sqlite3.connect(os.path.join(os.environ.get("KIT_TEST_REAL_HOME", "/tmp"), "kit-pwned.db")).execute("create table t (x)")
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
