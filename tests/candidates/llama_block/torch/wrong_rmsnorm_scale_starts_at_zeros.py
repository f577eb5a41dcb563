"""Slip: the RMSNorm scale created as zeros (or torch.empty) instead of ones. Every check that loads
the grader's weights passes; a new block of its own would return x whatever its weights."""
# expect-fail: a_new_block_starts_its_norms_at_ones
# hint: pre-norm-order
import math

import torch
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(dim))
        self.variance_epsilon = eps

    def forward(self, hidden_states):
        variance = hidden_states.pow(2).mean(-1, keepdim=True)
        return self.weight * (hidden_states * torch.rsqrt(variance + self.variance_epsilon))


class RotaryEmbedding(nn.Module):
    def __init__(self, head_dim, base):
        super().__init__()
        inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.int64).double() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, x, position_ids):
        freqs = position_ids.to(x.dtype)[:, None] * self.inv_freq.to(x.dtype)[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos(), emb.sin()


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def repeat_kv(hidden_states, n_rep):
    batch, kv_heads, length, head_dim = hidden_states.shape
    if n_rep == 1:
        return hidden_states
    expanded = hidden_states[:, :, None, :, :].expand(batch, kv_heads, n_rep, length, head_dim)
    return expanded.reshape(batch, kv_heads * n_rep, length, head_dim)


class LlamaAttention(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, rope_base):
        super().__init__()
        self.head_dim = dim // num_heads
        self.num_heads, self.num_key_value_groups = num_heads, num_heads // num_kv_heads
        self.q_proj = nn.Linear(dim, num_heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(dim, num_kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(dim, num_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(num_heads * self.head_dim, dim, bias=False)
        self.rotary_emb = RotaryEmbedding(self.head_dim, rope_base)

    def forward(self, hidden_states, past_key_value=None):
        input_shape = hidden_states.shape[:-1]
        hidden_shape = (*input_shape, -1, self.head_dim)
        query_states = self.q_proj(hidden_states).view(hidden_shape).transpose(1, 2)
        key_states = self.k_proj(hidden_states).view(hidden_shape).transpose(1, 2)
        value_states = self.v_proj(hidden_states).view(hidden_shape).transpose(1, 2)
        past_length = 0 if past_key_value is None else past_key_value[0].shape[-2]
        position_ids = torch.arange(past_length, past_length + input_shape[1], device=hidden_states.device)
        cos, sin = self.rotary_emb(hidden_states, position_ids)
        query_states = query_states * cos + rotate_half(query_states) * sin
        key_states = key_states * cos + rotate_half(key_states) * sin
        if past_key_value is not None:
            key_states = torch.cat([past_key_value[0], key_states], dim=-2)
            value_states = torch.cat([past_key_value[1], value_states], dim=-2)
        keys = repeat_kv(key_states, self.num_key_value_groups)
        values = repeat_kv(value_states, self.num_key_value_groups)
        attn_weights = torch.matmul(query_states, keys.transpose(2, 3)) * self.head_dim ** -0.5
        total = keys.shape[-2]
        rows = torch.arange(past_length, total, device=hidden_states.device)[:, None]
        columns = torch.arange(total, device=hidden_states.device)[None, :]
        causal_mask = torch.zeros(rows.shape[0], total, dtype=attn_weights.dtype, device=hidden_states.device)
        causal_mask = causal_mask.masked_fill(columns > rows, torch.finfo(attn_weights.dtype).min)
        attn_weights = torch.softmax(attn_weights + causal_mask, dim=-1)
        attn_output = torch.matmul(attn_weights, values).transpose(1, 2).reshape(*input_shape, -1)
        return self.o_proj(attn_output), (key_states, value_states)


class LlamaMLP(nn.Module):
    def __init__(self, dim, hidden_dim):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=False)

    def forward(self, x):
        gate = self.gate_proj(x)
        return self.down_proj(gate / (1 + torch.exp(-gate)) * self.up_proj(x))


class LlamaBlock(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, hidden_dim, rope_base=10000.0, eps=1e-6):
        super().__init__()
        self.self_attn = LlamaAttention(dim, num_heads, num_kv_heads, rope_base)
        self.mlp = LlamaMLP(dim, hidden_dim)
        self.input_layernorm = RMSNorm(dim, eps=eps)
        self.post_attention_layernorm = RMSNorm(dim, eps=eps)

    def forward(self, x, past_kv=None):
        residual = x
        hidden_states, present = self.self_attn(self.input_layernorm(x), past_kv)
        hidden_states = residual + hidden_states
        residual = hidden_states
        hidden_states = self.mlp(self.post_attention_layernorm(hidden_states))
        return residual + hidden_states, present
