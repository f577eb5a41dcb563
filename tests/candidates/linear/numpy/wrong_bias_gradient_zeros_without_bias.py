"""Classic bug: db returned as zeros when the layer has no bias, instead of None."""
# expect-fail: linear_backward[rows_without_bias] linear_backward[as_many_outputs_as_inputs_without_bias] linear_backward[tokens_in_three_dimensions_without_bias] linear_backward[a_single_row_without_bias] linear_backward[float64_*_without_bias]
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
    db = drows.sum(axis=0) if b is not None else np.zeros(w.shape[1], dtype=dout.dtype)
    return dx, dw, db
