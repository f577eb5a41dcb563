"""Classic bug: the base hard-coded to 10000, whatever `base` says (Llama 3 uses 500000)."""
# expect-fail: apply_rope[non_default_base] apply_rope[non_default_base_at_explicit_positions] apply_rope[llama_3_base_on_long_heads] apply_rope[float64_at_explicit_positions_and_base]
# hint: positions-and-frequencies
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    theta = positions[:, None] * 10000.0 ** (-torch.arange(0, dim, 2, device=x.device, dtype=x.dtype) / dim)
    angles = torch.cat([theta, theta], dim=-1)
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * angles.cos() + rotated * angles.sin()
