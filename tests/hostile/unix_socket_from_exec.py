# track: numpy
# expect: reached into the interpreter|tried to use the network
"""Runs ctypes from code compiled under a made-up file name (so no frame is the candidate file's),
to open a UNIX socket through libc and connect it to a path outside the sandbox: a network
namespace does not cover UNIX sockets on the file system."""
import numpy as np

CODE = '''
import ctypes, struct
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.socket(1, 1, 0)
address = struct.pack("H", 1) + b"/tmp/kit-unix-socket-probe".ljust(108, b"\\0")
libc.connect(fd, address, len(address))
'''


def softmax(x, axis=-1):
    try:
        exec(compile(CODE, "<not-the-candidate>", "exec"), {})
    except Exception:
        pass
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
