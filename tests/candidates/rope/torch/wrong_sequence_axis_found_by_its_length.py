"""Slip: the sequence axis looked up by its length, to accept Meta's (B, S, H, D) layout as well as
(B, H, S, D); where the heads (or the batch) are as many as the positions, the first such axis is
rotated instead. The contract's sequence axis is always -2."""
# expect-fail: apply_rope[as_many_heads_as_positions] apply_rope[as_many_sequences_as_positions]
# hint: positions-and-frequencies
import torch


def apply_rope(x, positions=None, base=10000.0):
    dim = x.shape[-1]
    positions = torch.arange(x.shape[-2], device=x.device) if positions is None else positions
    axis = next(i for i in range(x.dim() - 1) if x.shape[i] == len(positions))  # the slip
    moved = x.movedim(axis, -2)
    half = dim // 2
    inv_freq = base ** (-torch.arange(0, dim, 2, device=x.device, dtype=torch.float64) / dim)
    angles = (positions.to(torch.float64)[:, None] * inv_freq).to(x.dtype)
    angles = torch.cat([angles, angles], dim=-1)
    rotated = torch.cat([-moved[..., half:], moved[..., :half]], dim=-1)
    return (moved * angles.cos() + rotated * angles.sin()).movedim(-2, axis)
