"""Classic bug: the base hard-coded to 10000, whatever `base` says (Llama 3 uses 500000)."""
# expect-fail: apply_rope[non_default_base] apply_rope[non_default_base_at_explicit_positions] apply_rope[llama_3_base_on_long_heads] apply_rope[float64_at_explicit_positions_and_base]
# hint: positions-and-frequencies
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    positions = np.arange(seq_len) if positions is None else positions
    theta = positions[:, None] * 10000.0 ** (-np.arange(0, dim, 2) / dim)
    angles = np.concatenate([theta, theta], axis=-1)
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
