"""Classic bug: dw = dout.T @ x, the transpose of what `x @ w` needs ((D_out, D_in), not (D_in, D_out)):
the wrong shape where D_in != D_out, wrong values where they are equal."""
# expect-fail: linear_backward[rows_with_bias] linear_backward[as_many_outputs_as_inputs_without_bias] linear_backward[every_dimension_the_same_size_with_bias] linear_backward[float64_every_dimension_the_same_size_without_bias] linear_backward[square_tokens_in_three_dimensions_with_bias]
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
    dw = drows.T @ rows
    db = None if b is None else drows.sum(axis=0)
    return dx, dw, db
