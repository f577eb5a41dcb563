import numpy as np


def linear_forward(x, w, b=None):
    out = x @ w
    if b is not None:
        out = out + b
    return out, (x, w, b)


def linear_backward(dout, cache):
    x, w, b = cache
    # Every leading axis is a batch of rows: flattened, one matmul sums dw over all of them.
    rows = x.reshape(-1, x.shape[-1])
    drows = dout.reshape(-1, dout.shape[-1])
    dx = dout @ w.T
    dw = rows.T @ drows
    db = None if b is None else drows.sum(axis=0)
    return dx, dw, db
