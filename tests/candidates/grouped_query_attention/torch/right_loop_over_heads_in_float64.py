"""Right: one query head at a time with einsum, its kv head picked by index, the attention
computed in float64 and cast back to x's dtype."""
import math

import torch
from torch import nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, num_kv_heads, bias=False):
        super().__init__()
        self.num_heads = num_heads
        self.num_kv_heads = num_kv_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, num_kv_heads * self.head_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, num_kv_heads * self.head_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, x, past_kv=None):
        batch, length, _ = x.shape
        d = self.head_dim
        q = self.q_proj(x)
        k = self.k_proj(x).view(batch, length, self.num_kv_heads, d).transpose(1, 2)
        v = self.v_proj(x).view(batch, length, self.num_kv_heads, d).transpose(1, 2)
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=2)
            v = torch.cat([past_kv[1], v], dim=2)
        past = k.shape[2] - length
        rows = torch.arange(length, device=x.device)[:, None] + past
        columns = torch.arange(k.shape[2], device=x.device)[None, :]
        visible = columns <= rows
        group = self.num_heads // self.num_kv_heads
        heads = []
        for h in range(self.num_heads):
            kv = h // group
            query = q[..., h * d:(h + 1) * d].double()
            scores = torch.einsum("btd,bsd->bts", query, k[:, kv].double()) / math.sqrt(d)
            scores = scores.masked_fill(~visible, -math.inf)
            heads.append(torch.einsum("bts,bsd->btd", scores.softmax(-1), v[:, kv].double()))
        out = torch.cat(heads, dim=-1).to(x.dtype)
        return self.out_proj(out), (k, v)
