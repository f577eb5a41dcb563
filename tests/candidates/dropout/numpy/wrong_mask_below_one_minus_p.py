"""Wrong: keeps where the draw is below 1 - p: the right distribution, but not the contract's
draw-for-draw mask (rng.random(x.shape) >= p)."""
# expect-fail: dropout_forward[p_of_a_tenth_in_training_in_float64] dropout_forward[p_of_a_half_in_training_in_float32] dropout_forward[three_dimensions_p_of_0_3]
# hint: which-side-is-kept
import numpy as np


def dropout_forward(x, p, training, rng):
    if not training or p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    if p == 1:
        return np.zeros_like(x), np.zeros(x.shape, dtype=bool)
    mask = rng.random(x.shape) < 1 - p
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(dout, mask, p):
    if p == 1:
        return np.zeros_like(dout)
    return (dout * mask / (1 - p)).astype(dout.dtype)
