"""Classic bug: dw = x.swapaxes(-1, -2) @ dout without flattening the leading axes: right for 2-D x,
but on tokens (B, T, D_in) it is one (D_in, D_out) gradient per batch element, never summed over B."""
# expect-fail: linear_backward[tokens_in_three_dimensions_with_bias] linear_backward[tokens_in_three_dimensions_without_bias] linear_backward[tokens_in_four_dimensions_with_bias] linear_backward[square_tokens_in_three_dimensions_with_bias] linear_backward[float64_tokens_in_three_dimensions_*]
# hint: the-three-products
import numpy as np


def linear_forward(x, w, b=None):
    out = x @ w
    if b is not None:
        out = out + b
    return out, (x, w, b)


def linear_backward(dout, cache):
    x, w, b = cache
    dx = dout @ w.T
    dw = np.swapaxes(x, -1, -2) @ dout
    db = None if b is None else dout.reshape(-1, dout.shape[-1]).sum(axis=0)
    return dx, dw, db
