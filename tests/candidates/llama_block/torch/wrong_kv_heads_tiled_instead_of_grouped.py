"""Classic bug: the kv heads tiled (repeat), so query head h reads kv head h % num_kv_heads instead
of h // (num_heads // num_kv_heads); right only for MQA and MHA."""
# expect-fail: one_call_on_a_whole_sequence[four_query_heads_sharing_two_kv_heads] one_call_on_a_whole_sequence[six_query_heads_sharing_three_kv_heads_in_float64] decoding_with_the_cache[token_by_token_from_the_first]
# hint: the-cache-and-the-mask
import math

import torch
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt((x * x).mean(dim=-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class Attention(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, rope_base):
        super().__init__()
        self.num_heads, self.num_kv_heads = num_heads, num_kv_heads
        self.head_dim = dim // num_heads
        self.rope_base = rope_base
        self.q_proj = nn.Linear(dim, num_heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(dim, num_kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(dim, num_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(num_heads * self.head_dim, dim, bias=False)

    def rope(self, x, positions):
        """Rotate-half RoPE of x (B, heads, T, D) at the given positions (T,)."""
        inv_freq = self.rope_base ** (-torch.arange(0, self.head_dim, 2, dtype=x.dtype, device=x.device)
                                      / self.head_dim)
        theta = positions[:, None] * inv_freq[None, :]  # (T, D/2)
        angles = torch.cat([theta, theta], dim=-1)
        return x * angles.cos() + rotate_half(x) * angles.sin()

    def forward(self, x, past_kv=None):
        batch, new, _ = x.shape
        q = self.q_proj(x).view(batch, new, self.num_heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(batch, new, self.num_kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(batch, new, self.num_kv_heads, self.head_dim).transpose(1, 2)
        past = 0 if past_kv is None else past_kv[0].shape[2]
        positions = torch.arange(past, past + new, dtype=x.dtype, device=x.device)  # offset by the cache
        q, k = self.rope(q, positions), self.rope(k, positions)  # never v
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=2)  # the cache holds keys already rotated
            v = torch.cat([past_kv[1], v], dim=2)
        group = self.num_heads // self.num_kv_heads
        keys, values = k.repeat(1, group, 1, 1), v.repeat(1, group, 1, 1)
        scores = q @ keys.transpose(-2, -1) / math.sqrt(self.head_dim)  # (B, H, T, past + T)
        allowed = torch.ones(new, past + new, dtype=torch.bool, device=x.device).tril(diagonal=past)
        weights = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
        out = (weights @ values).transpose(1, 2).reshape(batch, new, -1)
        return self.o_proj(out), (k, v)


class MLP(nn.Module):
    def __init__(self, dim, hidden_dim):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=False)

    def forward(self, x):
        gate = self.gate_proj(x)
        return self.down_proj(gate * torch.sigmoid(gate) * self.up_proj(x))  # SiLU(gate) * up


class LlamaBlock(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, hidden_dim, rope_base=10000.0, eps=1e-6):
        super().__init__()
        self.input_layernorm = RMSNorm(dim, eps)
        self.self_attn = Attention(dim, num_heads, num_kv_heads, rope_base)
        self.post_attention_layernorm = RMSNorm(dim, eps)
        self.mlp = MLP(dim, hidden_dim)

    def forward(self, x, past_kv=None):
        attended, cache = self.self_attn(self.input_layernorm(x), past_kv)
        h = x + attended  # pre-norm: the residual stream itself is never normalised
        return h + self.mlp(self.post_attention_layernorm(h)), cache
