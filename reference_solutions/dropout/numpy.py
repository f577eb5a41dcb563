import numpy as np


def dropout_forward(x: np.ndarray, p: float, training: bool, rng: np.random.Generator) -> tuple:
    if not training or p == 0:
        return x.copy(), np.ones(x.shape, dtype=bool)
    if p == 1:
        # Every unit dropped; no draw, and no 0 / 0.
        return np.zeros_like(x), np.zeros(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return (x * mask / (1 - p)).astype(x.dtype), mask


def dropout_backward(dout: np.ndarray, mask: np.ndarray, p: float) -> np.ndarray:
    if p == 1:
        return np.zeros_like(dout)
    # The same mask and the same 1 / (1 - p) as the forward pass.
    return (dout * mask / (1 - p)).astype(dout.dtype)
