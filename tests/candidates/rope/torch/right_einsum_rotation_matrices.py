"""Correct: a (S, D, D) rotation matrix per position, applied with einsum (slow, but the same)."""
import torch


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    half = dim // 2
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    theta = positions[:, None].to(x.dtype) * base ** (-torch.arange(0, dim, 2, dtype=x.dtype, device=x.device) / dim)
    cos, sin = torch.diag_embed(theta.cos()), torch.diag_embed(theta.sin())  # (S, D/2, D/2)
    rotation = torch.cat([torch.cat([cos, -sin], -1), torch.cat([sin, cos], -1)], -2)  # (S, D, D)
    return torch.einsum("sij,...sj->...si", rotation, x)
