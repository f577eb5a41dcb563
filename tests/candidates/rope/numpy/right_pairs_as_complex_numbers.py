"""Correct: channel j and j + D/2 as the real and imaginary parts of one complex number, each
multiplied by e^{i·theta}; float64 inside."""
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * base ** (-2.0 * np.arange(half) / dim)
    z = (x[..., :half] + 1j * x[..., half:]) * np.exp(1j * theta)
    return np.concatenate([z.real, z.imag], axis=-1).astype(x.dtype)
