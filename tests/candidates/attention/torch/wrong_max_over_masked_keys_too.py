"""Classic bug: the softmax subtracts each row's maximum over every key, masked ones included, then
zeroes the masked exponentials. When a masked key scores over about 100 above every key the query
may attend, all of those underflow to 0 and the row is 0 / 0."""
# expect-fail: scaled_dot_product_attention[large_scores_with_a_mask] multi_head_attention[large_scores_with_a_mask]
# hint: subtract-the-row-maximum
import math

import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    e = torch.exp(scores - scores.amax(dim=-1, keepdim=True))
    if mask is not None:
        e = e * mask
    return e / e.sum(dim=-1, keepdim=True) @ v


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (
            nn.Linear(embed_dim, embed_dim, bias=bias) for _ in range(4))

    def heads(self, x):
        b, t, e = x.shape
        return x.view(b, t, self.num_heads, e // self.num_heads).transpose(1, 2)

    def forward(self, query, key, value, mask=None):
        q, k, v = self.heads(self.q_proj(query)), self.heads(self.k_proj(key)), self.heads(self.v_proj(value))
        out = scaled_dot_product_attention(q, k, v, mask).transpose(1, 2).reshape(query.shape)
        return self.out_proj(out)
