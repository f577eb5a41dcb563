"""Correct, in another style: a hand-written stable softmax in float64, cast back to the input's
dtype; heads split with view/permute and merged with permute/reshape."""
import math

import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q.double(), k.double().transpose(-1, -2)) / math.sqrt(k.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask.logical_not(), -math.inf)
    scores = scores - scores.max(dim=-1, keepdim=True).values
    weights = scores.exp()
    weights = weights / weights.sum(dim=-1, keepdim=True)
    return torch.matmul(weights, v.double()).to(q.dtype)


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True):
        super().__init__()
        self.head_dim = embed_dim // num_heads
        self.num_heads = num_heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (
            nn.Linear(embed_dim, embed_dim, bias=bias) for _ in range(4)
        )

    def forward(self, query, key, value, mask=None):
        def split(x):
            b, t, _ = x.shape
            return x.view(b, t, self.num_heads, self.head_dim).permute(0, 2, 1, 3)

        out = scaled_dot_product_attention(split(self.q_proj(query)), split(self.k_proj(key)),
                                           split(self.v_proj(value)), mask)
        b, _, t, _ = out.shape
        return self.out_proj(out.permute(0, 2, 1, 3).reshape(b, t, self.num_heads * self.head_dim))
