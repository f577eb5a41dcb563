"""Wrong: scales by 1 - p in eval, as non-inverted dropout does, on top of the inverted training scale."""
# expect-fail: dropout_forward[p_of_a_tenth_in_eval_in_float32] dropout_forward[p_of_a_half_in_eval_in_float64]
# hint: when-to-draw
import numpy as np


def dropout_forward(x, p, training, rng):
    if not training:
        return (x * (1 - p)).astype(x.dtype), np.ones(x.shape, dtype=bool)
    if p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    if p == 1:
        return np.zeros_like(x), np.zeros(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(dout, mask, p):
    if p == 1:
        return np.zeros_like(dout)
    return (dout * mask / (1 - p)).astype(dout.dtype)
