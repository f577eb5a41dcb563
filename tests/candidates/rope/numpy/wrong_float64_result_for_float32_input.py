"""Classic bug: the float64 angles promote the result: a float32 x comes back as float64."""
# expect-fail: apply_rope[default_positions_without_leading_dimensions] apply_rope[large_positions_in_float32]
# hint: four-lines
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * base ** (-np.arange(0, dim, 2) / dim)
    angles = np.concatenate([theta, theta], axis=-1)
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * np.cos(angles) + rotated * np.sin(angles)
