"""Classic bug: out = x @ w.T, reading w as nn.Linear's (D_out, D_in) weight: a shape error where
D_in != D_out, the wrong values where w is square."""
# expect-fail: linear_forward[rows_with_bias] linear_forward[as_many_outputs_as_inputs_without_bias] linear_forward[every_dimension_the_same_size_with_bias] linear_forward[float64_every_dimension_the_same_size_without_bias] linear_forward[square_tokens_in_three_dimensions_with_bias]
# hint: let-the-shapes-lead
import numpy as np


def linear_forward(x, w, b=None):
    out = x @ w.T
    if b is not None:
        out = out + b
    return out, (x, w, b)


def linear_backward(dout, cache):
    x, w, b = cache
    rows = x.reshape(-1, x.shape[-1])
    drows = dout.reshape(-1, dout.shape[-1])
    dx = dout @ w.T
    dw = rows.T @ drows
    db = None if b is None else drows.sum(axis=0)
    return dx, dw, db
