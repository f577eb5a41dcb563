"""Classic bug: the module detaches its inputs; the output and the parameters' gradients are right,
but no gradient flows back to query, key or value."""
# expect-fail: multi_head_attention[two_heads] multi_head_attention[causal_mask]
# hint: scores-weights-output
import math

import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))  # True = may attend: the others get zero weight
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
        # The bug: the inputs are cut off from autograd (as `.data` or a cached copy would do).
        query, key, value = query.detach(), key.detach(), value.detach()
        q = self.split_heads(self.q_proj(query))
        k = self.split_heads(self.k_proj(key))
        v = self.split_heads(self.v_proj(value))
        heads = scaled_dot_product_attention(q, k, v, mask)  # (B, H, L, E/H)
        return self.out_proj(heads.transpose(1, 2).flatten(2))  # back to (B, L, E), then mix the heads
