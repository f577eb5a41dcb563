"""Forbidden: Hugging Face's own apply_rotary_pos_emb (the kata refuses the transformers import)."""
import torch
from transformers.models.llama.modeling_llama import apply_rotary_pos_emb


def apply_rope(x, positions=None, base=10000.0):
    seq_len, dim = x.shape[-2:]
    positions = torch.arange(seq_len, device=x.device) if positions is None else positions
    theta = torch.outer(positions.to(x.dtype), base ** (-torch.arange(0, dim, 2, dtype=x.dtype) / dim))
    emb = torch.cat([theta, theta], dim=-1)
    out, _ = apply_rotary_pos_emb(x, x, emb.cos(), emb.sin(), unsqueeze_dim=0)
    return out
