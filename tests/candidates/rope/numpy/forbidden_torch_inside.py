"""Forbidden: the numpy track through torch (the track may not import torch)."""
import torch


def apply_rope(x, positions=None, base=10000.0):
    t = torch.from_numpy(x)
    seq_len, dim = t.shape[-2:]
    positions = torch.arange(seq_len) if positions is None else torch.from_numpy(positions)
    theta = positions[:, None] * base ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    angles = torch.cat([theta, theta], dim=-1)
    rotated = torch.cat([-t[..., dim // 2:], t[..., : dim // 2]], dim=-1)
    return (t * angles.cos() + rotated * angles.sin()).to(t.dtype).numpy()
