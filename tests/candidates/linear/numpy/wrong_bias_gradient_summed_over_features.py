"""Classic bug: db = dout.sum(axis=1), a sum over the features instead of over the rows: the wrong
shape where N != D_out, wrong values where N == D_out."""
# expect-fail: linear_backward[rows_with_bias] linear_backward[every_dimension_the_same_size_with_bias] linear_backward[float64_rows_with_bias]
# hint: the-three-products
import numpy as np


def linear_forward(x, w, b=None):
    out = x @ w
    if b is not None:
        out = out + b
    return out, (x, w, b)


def linear_backward(dout, cache):
    x, w, b = cache
    rows = x.reshape(-1, x.shape[-1])
    drows = dout.reshape(-1, dout.shape[-1])
    dx = dout @ w.T
    dw = rows.T @ drows
    db = None if b is None else drows.sum(axis=1)
    return dx, dw, db
