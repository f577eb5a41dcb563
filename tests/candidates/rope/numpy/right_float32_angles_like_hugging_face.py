"""Correct: the angles in float32 whatever the dtype of x, as Hugging Face computes them."""
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    if positions is None:
        positions = np.arange(seq_len)
    inv_freq = (1.0 / (np.float32(base) ** (np.arange(0, dim, 2, dtype=np.float32) / np.float32(dim))))
    theta = np.outer(positions.astype(np.float32), inv_freq.astype(np.float32))
    angles = np.concatenate([theta, theta], axis=-1)
    cos, sin = np.cos(angles).astype(x.dtype), np.sin(angles).astype(x.dtype)
    x1, x2 = x[..., : dim // 2], x[..., dim // 2 :]
    return x * cos + np.concatenate([-x2, x1], axis=-1) * sin
