"""Classic bug: the two conventions mixed: angles repeated pairwise (theta_0, theta_0, theta_1, ...,
as interleaved code lays them out) but rotate_half pairing j with j + D/2."""
# expect-fail: apply_rope[default_positions_without_leading_dimensions] apply_rope[float64_input]
# hint: positions-and-frequencies
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * base ** (-np.arange(0, dim, 2) / dim)
    angles = np.repeat(theta, 2, axis=-1)
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
