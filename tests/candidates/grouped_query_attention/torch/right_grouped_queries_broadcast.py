"""Right: the queries reshaped to (B, num_kv_heads, group, T, D) broadcast against the kv heads,
no copy of k or v; the mask from position indices, added as -inf."""
import math

import torch
from torch import nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, num_kv_heads, bias=False):
        super().__init__()
        self.num_heads, self.num_kv_heads = num_heads, num_kv_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, num_kv_heads * self.head_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, num_kv_heads * self.head_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, x, past_kv=None):
        B, T, E = x.shape
        G, D = self.num_heads // self.num_kv_heads, self.head_dim
        q = self.q_proj(x).reshape(B, T, self.num_kv_heads, G, D).permute(0, 2, 3, 1, 4)  # (B, KV, G, T, D)
        k = self.k_proj(x).reshape(B, T, self.num_kv_heads, D).permute(0, 2, 1, 3)  # (B, KV, T, D)
        v = self.v_proj(x).reshape(B, T, self.num_kv_heads, D).permute(0, 2, 1, 3)
        if past_kv is not None and past_kv[0].shape[2] > 0:
            k = torch.cat((past_kv[0], k), dim=2)
            v = torch.cat((past_kv[1], v), dim=2)
        S = k.shape[2]
        scores = q @ k.unsqueeze(2).transpose(-1, -2) * D ** -0.5  # (B, KV, G, T, S)
        query_position = torch.arange(S - T, S, device=x.device)[:, None]
        key_position = torch.arange(S, device=x.device)[None, :]
        future = torch.zeros(T, S, dtype=x.dtype, device=x.device)
        future[key_position > query_position] = -math.inf
        weights = torch.softmax(scores + future, dim=-1)
        out = (weights @ v.unsqueeze(2)).reshape(B, self.num_heads, T, D)  # head kv*G + g
        return self.out_proj(out.transpose(1, 2).reshape(B, T, E)), (k, v)
