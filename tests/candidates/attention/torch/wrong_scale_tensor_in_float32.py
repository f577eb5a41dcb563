"""Classic bug: the scale built as a float32 tensor, torch.sqrt(torch.tensor(D, dtype=torch.float32)),
so float64 inputs are scaled by a rounded 1/sqrt(D)."""
# expect-fail: scaled_dot_product_attention[float64_inputs] multi_head_attention[run_in_float64]
# hint: float64-all-the-way
import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / torch.sqrt(torch.tensor(q.shape[-1], dtype=torch.float32))
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
        k = self.k_proj(key).view(batch, -1, self.num_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(value).view(batch, -1, self.num_heads, self.head_dim).transpose(1, 2)
        out = scaled_dot_product_attention(q, k, v, mask)
        out = out.transpose(1, 2).reshape(batch, length, embed_dim)
        return self.out_proj(out)
