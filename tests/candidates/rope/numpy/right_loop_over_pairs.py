"""Correct: one 2-D rotation per pair (j, j + D/2), in a loop over the pairs."""
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    out = np.empty_like(x)
    for j in range(half):
        angle = positions * base ** (-2 * j / dim)  # (S,)
        cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
        a, b = x[..., :, j : j + 1], x[..., :, j + half : j + half + 1]
        out[..., :, j : j + 1] = a * cos - b * sin
        out[..., :, j + half : j + half + 1] = a * sin + b * cos
    return out
