"""Classic bug: positions always 0..S-1, the argument ignored (a KV cache's offset is lost)."""
# expect-fail: apply_rope[positions_offset_as_with_a_kv_cache] apply_rope[one_token_at_a_late_position] apply_rope[unsorted_positions] apply_rope[a_repeated_position] apply_rope[large_positions_in_float32]
# hint: positions-and-frequencies
import numpy as np


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    theta = np.arange(seq_len)[:, None] * base ** (-np.arange(0, dim, 2) / dim)
    angles = np.concatenate([theta, theta], axis=-1)
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return (x * np.cos(angles) + rotated * np.sin(angles)).astype(x.dtype)
