"""Correct, in another style: the mask turned into an additive bias of 0 and -inf, and the heads
folded into the batch axis (B*H, T, E/H), as in many textbook implementations."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = (q / math.sqrt(q.shape[-1])) @ k.mT
    if mask is not None:
        scores = scores + torch.zeros(mask.shape, dtype=q.dtype, device=q.device).masked_fill(~mask, -math.inf)
    return F.softmax(scores, dim=-1) @ v


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias)

    def forward(self, query, key, value, mask=None):
        b, l, e = query.shape
        s, h = key.shape[1], self.num_heads
        q = self.q_proj(query).reshape(b, l, h, e // h).transpose(1, 2).reshape(b * h, l, e // h)
        k = self.k_proj(key).reshape(b, s, h, e // h).transpose(1, 2).reshape(b * h, s, e // h)
        v = self.v_proj(value).reshape(b, s, h, e // h).transpose(1, 2).reshape(b * h, s, e // h)
        if mask is not None:
            mask = torch.broadcast_to(mask, (b, h, l, s)).reshape(b * h, l, s)
        out = scaled_dot_product_attention(q, k, v, mask).reshape(b, h, l, e // h)
        return self.out_proj(out.transpose(1, 2).reshape(b, l, e))
