"""Correct: Hugging Face's Llama recipe: a float32 inv_freq, the angles as a float32 matmul with the
positions, cos and sin cast to x's dtype afterwards (float64 inputs get float32 angles too)."""
import torch


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2 :]
    return torch.cat((-x2, x1), dim=-1)


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    if positions is None:
        positions = torch.arange(seq_len, device=x.device)
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64, device=x.device).float() / dim))
    freqs = (inv_freq[:, None] @ positions[None, :].float()).transpose(0, 1)  # (S, D/2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
    return (x * cos) + (rotate_half(x) * sin)
