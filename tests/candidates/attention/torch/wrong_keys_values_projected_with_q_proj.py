"""Classic bug: keys and values projected with q_proj (a copy-paste slip); k_proj and v_proj are
never used."""
# expect-fail: multi_head_attention[one_head] multi_head_attention[two_heads]
# hint: split-and-merge-the-heads
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
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, mask=None):
        batch, length, embed_dim = query.shape
        q = self.q_proj(query).view(batch, -1, self.num_heads, self.head_dim).transpose(1, 2)
        k = self.q_proj(key).view(batch, -1, self.num_heads, self.head_dim).transpose(1, 2)
        v = self.q_proj(value).view(batch, -1, self.num_heads, self.head_dim).transpose(1, 2)
        out = scaled_dot_product_attention(q, k, v, mask)
        out = out.transpose(1, 2).reshape(batch, length, embed_dim)
        return self.out_proj(out)
