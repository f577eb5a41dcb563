"""Correct, in another style: einsum, -1e9 for masked scores, and an explicit loop over the heads."""
import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.einsum("...ld,...sd->...ls", q, k) * q.shape[-1] ** -0.5
    if mask is not None:
        scores = torch.where(mask, scores, torch.full_like(scores, -1e9))
    return torch.einsum("...ls,...sd->...ld", scores.softmax(dim=-1), v)


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, mask=None):
        q, k, v = self.q_proj(query), self.k_proj(key), self.v_proj(value)
        batch, length, _ = query.shape
        width = self.embed_dim // self.num_heads
        if mask is not None:
            mask = mask.expand(batch, self.num_heads, length, key.shape[1])
        heads = []
        for h in range(self.num_heads):
            block = slice(h * width, (h + 1) * width)
            heads.append(scaled_dot_product_attention(
                q[..., block], k[..., block], v[..., block], None if mask is None else mask[:, h]))
        return self.out_proj(torch.cat(heads, dim=-1))
