"""Classic bug: positions always 0..S-1, the argument ignored (a KV cache's offset is lost)."""
# expect-fail: apply_rope[positions_offset_as_with_a_kv_cache] apply_rope[one_token_at_a_late_position] apply_rope[unsorted_positions] apply_rope[a_repeated_position] apply_rope[large_positions_in_float32]
# hint: positions-and-frequencies
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    steps = torch.arange(seq_len, device=x.device, dtype=x.dtype)
    theta = steps[:, None] * base ** (-torch.arange(0, dim, 2, device=x.device, dtype=x.dtype) / dim)
    angles = torch.cat([theta, theta], dim=-1)
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * angles.cos() + rotated * angles.sin()
