"""Classic slip: a 2-D mask read as a (B, S) key-padding mask instead of an (L, S) mask shared by the
batch and the heads; only a case with as many queries as batches lets the shapes fit."""
# expect-fail: multi_head_attention[mask_shared_by_batch_and_heads_with_as_many_queries_as_batches] scaled_dot_product_attention[mask_shared_by_every_batch_with_as_many_queries_as_batches]
# hint: what-the-mask-means
import math

import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        if mask.dim() == 2:  # the slip: a 2-D mask read as a (B, S) key-padding mask
            mask = mask[:, None, None, :] if scores.dim() == 4 else mask[:, None, :]
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        assert embed_dim % num_heads == 0, "embed_dim must be divisible by num_heads"
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def split_heads(self, x):
        # (B, T, E) -> (B, H, T, E/H): head h takes features [h*E/H, (h+1)*E/H).
        return x.unflatten(-1, (self.num_heads, -1)).transpose(1, 2)

    def forward(self, query, key, value, mask=None):
        q = self.split_heads(self.q_proj(query))
        k = self.split_heads(self.k_proj(key))
        v = self.split_heads(self.v_proj(value))
        heads = scaled_dot_product_attention(q, k, v, mask)  # (B, H, L, E/H)
        return self.out_proj(heads.transpose(1, 2).flatten(2))  # back to (B, L, E), then mix the heads
