"""Right: the textbook table in float32 (exp of a float32 exponent); F.linear projections; padded keys
filled with the dtype's most negative finite number rather than -inf (exp of it is exactly 0)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def sinusoidal_positions(length, dim):
    pe = torch.zeros(length, dim)
    position = torch.arange(length).unsqueeze(1).float()
    div_term = torch.exp(torch.arange(0, dim, 2).float() * (-math.log(10000.0) / dim))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: dim // 2])
    return pe


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model, nhead):
        super().__init__()
        self.h = nhead
        self.in_proj_weight = nn.Parameter(torch.empty(3 * d_model, d_model))
        self.in_proj_bias = nn.Parameter(torch.empty(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)
        nn.init.xavier_uniform_(self.in_proj_weight)
        nn.init.zeros_(self.in_proj_bias)

    def forward(self, x, key_padding_mask=None):
        B, L, E = x.shape
        d = E // self.h
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
        q, k, v = (t.view(B, L, self.h, d).transpose(1, 2) for t in (q, k, v))
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d))
        if key_padding_mask is not None:
            att = att.masked_fill(key_padding_mask.view(B, 1, 1, L), torch.finfo(att.dtype).min)
        y = torch.matmul(F.softmax(att, dim=-1), v)
        return self.out_proj(y.transpose(1, 2).contiguous().view(B, L, E))


class EncoderLayer(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, norm_first=False, layer_norm_eps=1e-5):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = MultiHeadSelfAttention(d_model, nhead)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model, eps=layer_norm_eps)
        self.norm2 = nn.LayerNorm(d_model, eps=layer_norm_eps)

    def _sa_block(self, x, mask):
        return self.self_attn(x, mask)

    def _ff_block(self, x):
        return self.linear2(F.relu(self.linear1(x)))

    def forward(self, src, src_key_padding_mask=None):
        x = src
        if self.norm_first:
            x = x + self._sa_block(self.norm1(x), src_key_padding_mask)
            x = x + self._ff_block(self.norm2(x))
        else:
            x = self.norm1(x + self._sa_block(x, src_key_padding_mask))
            x = self.norm2(x + self._ff_block(x))
        return x
