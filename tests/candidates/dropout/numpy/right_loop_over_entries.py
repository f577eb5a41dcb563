"""Right: one draw of the whole mask, then a loop over the flat entries, in float64 inside."""
import numpy as np


def dropout_forward(x, p, training, rng):
    drawn = training and 0 < p < 1
    mask = rng.random(x.shape) >= p if drawn else np.full(x.shape, not (training and p == 1))
    out = np.zeros(x.size)
    flat_x, flat_mask = x.reshape(-1).astype(np.float64), mask.reshape(-1)
    scale = 1.0 if not training or p == 0 else (0.0 if p == 1 else 1.0 / (1.0 - p))
    for i in range(x.size):
        if flat_mask[i]:
            out[i] = flat_x[i] * scale
    return out.reshape(x.shape).astype(x.dtype), mask


def dropout_backward(dout, mask, p):
    scale = 0.0 if p == 1 else 1.0 / (1.0 - p)
    return (dout.astype(np.float64) * mask * scale).astype(dout.dtype)
