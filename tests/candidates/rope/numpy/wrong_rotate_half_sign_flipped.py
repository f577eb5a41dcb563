"""Classic bug: rotate_half with the minus on the wrong half, [x2, -x1]: a rotation by -theta."""
# expect-fail: apply_rope[rotate_half_not_interleaved_pairs] apply_rope[two_features_a_single_pair] apply_rope[float64_input]
# hint: rotate-half-not-interleaved
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * base ** (-np.arange(0, dim, 2) / dim)
    angles = np.concatenate([theta, theta], axis=-1)
    rotated = np.concatenate([x[..., half:], -x[..., :half]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
