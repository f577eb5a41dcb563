"""Classic bug: the interleaved-pair convention of Meta's original Llama code, channel 2j rotated
with 2j + 1: a rotation too, of different pairs, so a different function (issue 14)."""
# expect-fail: apply_rope[rotate_half_not_interleaved_pairs] apply_rope[default_positions_without_leading_dimensions] apply_rope[float64_input]
# hint: rotate-half-not-interleaved
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * base ** (-np.arange(0, dim, 2) / dim)
    cos, sin = np.cos(theta), np.sin(theta)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out
