"""Classic bug: the halves written back into x in place, to save memory: the caller's tensor changes."""
# expect-fail: apply_rope[default_positions_without_leading_dimensions] apply_rope[float64_input]
# hint: four-lines
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    theta = positions[:, None] * base ** (-torch.arange(0, dim, 2, device=x.device, dtype=x.dtype) / dim)
    cos, sin = theta.cos(), theta.sin()
    with torch.no_grad():
        x1, x2 = x[..., :half].clone(), x[..., half:].clone()
        x[..., :half] = x1 * cos - x2 * sin
        x[..., half:] = x1 * sin + x2 * cos
    return x
