"""Wrong: the backward masks dout but forgets the forward's 1 / (1 - p)."""
# expect-fail: dropout_backward[p_of_a_tenth_in_float32] dropout_backward[p_of_a_half_in_float64] dropout_backward[a_square_gradient_p_of_0_3]
# hint: which-side-is-kept
import numpy as np


def dropout_forward(x, p, training, rng):
    if not training or p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    if p == 1:
        return np.zeros_like(x), np.zeros(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(dout, mask, p):
    return (dout * mask).astype(dout.dtype)
