"""Classic bug: a mask of three dimensions is taken for (B, L, S), one per batch, and given a heads
axis; broadcasting reads it as (H, L, S), one per head, the same for every batch."""
# expect-fail: multi_head_attention[mask_per_head_shared_by_the_batch]
# hint: what-the-mask-means
import math

import torch
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
        b, l, e = query.shape
        h = self.num_heads
        split = lambda x: x.reshape(b, -1, h, e // h).transpose(1, 2)
        if mask is not None and mask.dim() == 3:
            mask = mask.unsqueeze(1)
        out = scaled_dot_product_attention(split(self.q_proj(query)), split(self.k_proj(key)),
                                           split(self.v_proj(value)), mask)
        return self.out_proj(out.transpose(1, 2).reshape(b, l, e))
