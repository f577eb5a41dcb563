"""Classic bug: inv_freq = base ** (-i / D) over i in [0, D/2), the 2 of 2i/D forgotten: the
frequencies only fall to base^-1/2 instead of nearly base^-1."""
# expect-fail: apply_rope[default_positions_without_leading_dimensions] apply_rope[non_default_base] apply_rope[float64_input]
# hint: positions-and-frequencies
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * base ** (-np.arange(half) / dim)
    angles = np.concatenate([theta, theta], axis=-1)
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
