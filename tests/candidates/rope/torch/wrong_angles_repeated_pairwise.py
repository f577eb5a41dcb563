"""Classic bug: the two conventions mixed: angles repeated pairwise (repeat_interleave, as
interleaved code lays them out) but rotate_half pairing j with j + D/2."""
# expect-fail: apply_rope[default_positions_without_leading_dimensions] apply_rope[float64_input]
# hint: positions-and-frequencies
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    theta = positions[:, None] * base ** (-torch.arange(0, dim, 2, device=x.device, dtype=x.dtype) / dim)
    angles = theta.repeat_interleave(2, dim=-1)
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * angles.cos() + rotated * angles.sin()
