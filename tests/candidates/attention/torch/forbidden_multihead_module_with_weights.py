"""Forbidden: nn.MultiheadAttention run with this module's own weights (torch.func.functional_call)
and need_weights=True, a path that runs only matmuls and softmax: no attention kernel to see."""
import math

import torch
from torch import nn
from torch.func import functional_call


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads, self.bias = num_heads, bias
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, mask=None):
        embed_dim = query.shape[-1]
        library = nn.MultiheadAttention(embed_dim, self.num_heads, bias=self.bias, batch_first=True,
                                        device=query.device, dtype=query.dtype)
        weights = {
            "in_proj_weight": torch.cat([self.q_proj.weight, self.k_proj.weight, self.v_proj.weight]),
            "out_proj.weight": self.out_proj.weight,
        }
        if self.bias:
            weights["in_proj_bias"] = torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias])
            weights["out_proj.bias"] = self.out_proj.bias
        blocked = None
        if mask is not None:  # nn.MultiheadAttention's attn_mask means the opposite: True = blocked
            batch, length, source = query.shape[0], query.shape[1], key.shape[1]
            blocked = ~mask.expand(batch, self.num_heads, length, source).reshape(-1, length, source)
        out, _ = functional_call(library, weights, (query, key, value),
                                 {"attn_mask": blocked, "need_weights": True})
        return out
