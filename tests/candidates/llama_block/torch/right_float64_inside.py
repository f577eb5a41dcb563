"""Right, computing in float64 inside and casting back: the weights are read in float64 through
F.linear, the cache goes back in the input's dtype (and comes in as it went out)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        x64 = x.double()
        scale = (x64.square().mean(-1, keepdim=True) + self.eps).rsqrt()
        return x64 * scale * self.weight.double()


def linear(module, x):
    return F.linear(x, module.weight.double())


class SelfAttention(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, base):
        super().__init__()
        self.h, self.kv, self.d, self.base = num_heads, num_kv_heads, dim // num_heads, base
        self.q_proj = nn.Linear(dim, num_heads * self.d, bias=False)
        self.k_proj = nn.Linear(dim, num_kv_heads * self.d, bias=False)
        self.v_proj = nn.Linear(dim, num_kv_heads * self.d, bias=False)
        self.o_proj = nn.Linear(num_heads * self.d, dim, bias=False)


class Feedforward(nn.Module):
    def __init__(self, dim, hidden_dim):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=False)


class LlamaBlock(nn.Module):
    def __init__(self, dim, num_heads, num_kv_heads, hidden_dim, rope_base=10000.0, eps=1e-6):
        super().__init__()
        self.input_layernorm = RMSNorm(dim, eps)
        self.self_attn = SelfAttention(dim, num_heads, num_kv_heads, rope_base)
        self.post_attention_layernorm = RMSNorm(dim, eps)
        self.mlp = Feedforward(dim, hidden_dim)

    def forward(self, x, past_kv=None):
        a, dtype = self.self_attn, x.dtype
        B, T, _ = x.shape
        n = self.input_layernorm(x)
        past = 0 if past_kv is None else past_kv[0].shape[2]
        pos = torch.arange(past, past + T, dtype=torch.float64, device=x.device)
        freq = a.base ** (-torch.arange(0, a.d, 2, dtype=torch.float64, device=x.device) / a.d)
        ang = torch.outer(pos, freq).repeat(1, 2)
        cos, sin = ang.cos(), ang.sin()

        def rope(t):
            return t * cos + torch.cat([-t[..., a.d // 2:], t[..., : a.d // 2]], -1) * sin

        q = rope(linear(a.q_proj, n).view(B, T, a.h, a.d).transpose(1, 2))
        k = rope(linear(a.k_proj, n).view(B, T, a.kv, a.d).transpose(1, 2))
        v = linear(a.v_proj, n).view(B, T, a.kv, a.d).transpose(1, 2)
        if past_kv is not None:
            k = torch.cat([past_kv[0].double(), k], 2)
            v = torch.cat([past_kv[1].double(), v], 2)
        S = k.shape[2]
        q = q.view(B, a.kv, a.h // a.kv, T, a.d)  # query heads grouped under their kv head
        s = torch.einsum("bgqtd,bgsd->bgqts", q, k) / math.sqrt(a.d)
        s = s.masked_fill(torch.ones(T, S, dtype=torch.bool, device=x.device).triu(past + 1), -math.inf)
        o = torch.einsum("bgqts,bgsd->bgqtd", torch.softmax(s, -1), v).reshape(B, a.h, T, a.d)
        h = x.double() + linear(a.o_proj, o.transpose(1, 2).reshape(B, T, -1))
        m = self.post_attention_layernorm(h)
        g = linear(self.mlp.gate_proj, m)
        out = h + linear(self.mlp.down_proj, g * torch.sigmoid(g) * linear(self.mlp.up_proj, m))
        return out.to(dtype), (k.to(dtype), v.to(dtype))
