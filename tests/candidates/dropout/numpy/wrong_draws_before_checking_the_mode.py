"""Wrong: draws the mask before deciding it is not needed (eval, p == 0, p == 1): the values are
right, but rng has moved."""
# expect-fail: dropout_forward[p_of_zero_in_training_in_float32] dropout_forward[p_of_a_tenth_in_eval_in_float32] dropout_forward[p_of_one_in_training_in_float64]
# hint: when-to-draw
import numpy as np


def dropout_forward(x, p, training, rng):
    mask = rng.random(x.shape) >= p
    if not training or p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    if p == 1:
        return np.zeros_like(x), np.zeros(x.shape, dtype=bool)
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(dout, mask, p):
    if p == 1:
        return np.zeros_like(dout)
    return (dout * mask / (1 - p)).astype(dout.dtype)
