"""Wrong: no case for p == 1 in the forward: the mask is all False and x * 0 / 0 is NaN."""
# expect-fail: dropout_forward[p_of_one_in_training_in_float64]
# hint: when-to-draw
import numpy as np


def dropout_forward(x, p, training, rng):
    if not training or p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    with np.errstate(divide="ignore", invalid="ignore"):
        return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(dout, mask, p):
    if p == 1:
        return np.zeros_like(dout)
    return (dout * mask / (1 - p)).astype(dout.dtype)
