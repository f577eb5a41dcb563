"""Correct: channels j and j + D/2 as one complex number, multiplied by e^{i·theta} (torch.polar);
float64 inside."""
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    inv_freq = base ** (-2.0 * torch.arange(half, dtype=torch.float64, device=x.device) / dim)
    theta = torch.outer(positions.double(), inv_freq)
    rotation = torch.polar(torch.ones_like(theta), theta)
    z = torch.complex(x[..., :half].double(), x[..., half:].double()) * rotation
    return torch.cat([z.real, z.imag], dim=-1).to(x.dtype)
