"""Right, in another style: parameters held in plain nn.Linear submodules of nn.Module containers,
RoPE written on the two halves as a 2-D rotation, one einsum per query head, the causal rule
written as absolute positions compared."""
import math

import torch
from torch import nn


class Norm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return self.weight * x / torch.sqrt(x.pow(2).sum(-1, keepdim=True) / x.shape[-1] + self.eps)


def rotate(x, positions, base):
    """x (B, heads, T, D): the pair (x[i], x[i + D/2]) turned by positions * base^(-2i/D)."""
    half = x.shape[-1] // 2
    exponents = torch.arange(half, dtype=torch.float64, device=x.device) * 2 / x.shape[-1]
    theta = (positions.to(torch.float64)[:, None] / base ** exponents).to(x.dtype)
    first, second = x[..., :half], x[..., half:]
    return torch.cat([first * theta.cos() - second * theta.sin(),
                      second * theta.cos() + first * theta.sin()], dim=-1)


class LlamaBlock(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, hidden_dim, rope_base=10000.0, eps=1e-6):
        super().__init__()
        self.heads, self.kv_heads, self.base = num_heads, num_kv_heads, rope_base
        self.head_dim = dim // num_heads
        self.input_layernorm = Norm(dim, eps)
        self.post_attention_layernorm = Norm(dim, eps)
        self.self_attn = nn.Module()
        for name, width in (("q_proj", num_heads), ("k_proj", num_kv_heads), ("v_proj", num_kv_heads)):
            setattr(self.self_attn, name, nn.Linear(dim, width * self.head_dim, bias=False))
        self.self_attn.o_proj = nn.Linear(num_heads * self.head_dim, dim, bias=False)
        self.mlp = nn.Module()
        self.mlp.gate_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.mlp.up_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.mlp.down_proj = nn.Linear(hidden_dim, dim, bias=False)

    def split(self, projected, count):
        batch, length, _ = projected.shape
        return projected.reshape(batch, length, count, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x, past_kv=None):
        attn, batch, length = self.self_attn, x.shape[0], x.shape[1]
        normed = self.input_layernorm(x)
        start = past_kv[0].shape[2] if past_kv is not None else 0
        positions = torch.arange(start, start + length, device=x.device)
        q = rotate(self.split(attn.q_proj(normed), self.heads), positions, self.base)
        k = rotate(self.split(attn.k_proj(normed), self.kv_heads), positions, self.base)
        v = self.split(attn.v_proj(normed), self.kv_heads)
        if past_kv is not None:
            k, v = torch.cat((past_kv[0], k), 2), torch.cat((past_kv[1], v), 2)
        key_positions = torch.arange(k.shape[2], device=x.device)
        hidden = positions[:, None] < key_positions[None, :]
        per_group = self.heads // self.kv_heads
        outputs = []
        for head in range(self.heads):
            kv = head // per_group
            scores = torch.einsum("btd,bsd->bts", q[:, head], k[:, kv]) / math.sqrt(self.head_dim)
            scores = scores.masked_fill(hidden, -math.inf)
            outputs.append(torch.einsum("bts,bsd->btd", torch.softmax(scores, dim=-1), v[:, kv]))
        h = x + attn.o_proj(torch.cat(outputs, dim=-1))
        normed = self.post_attention_layernorm(h)
        gate = self.mlp.gate_proj(normed)
        return h + self.mlp.down_proj(gate * torch.sigmoid(gate) * self.mlp.up_proj(normed)), (k, v)
