"""Right: angles by an outer product, interleaved by stack; einsum attention with torch.where on the
keys that may be attended; a LayerNorm of its own with nn.LayerNorm's parameter names."""
import torch
from torch import nn


def sinusoidal_positions(length, dim):
    half = (dim + 1) // 2
    inv_freq = 1.0 / (10000.0 ** (torch.arange(half, dtype=torch.float64) * 2 / dim))
    angle = torch.outer(torch.arange(length, dtype=torch.float64), inv_freq)  # (L, half)
    table = torch.stack([angle.sin(), angle.cos()], dim=-1).reshape(length, 2 * half)  # sin, cos, sin, ...
    return table[:, :dim].float()


class LayerNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)  # biased, as nn.LayerNorm
        return (x - mean) / torch.sqrt(var + self.eps) * self.weight + self.bias


class SelfAttention(nn.Module):
    def __init__(self, d_model, nhead):
        super().__init__()
        self.nhead = nhead
        self.in_proj_weight = nn.Parameter(torch.empty(3 * d_model, d_model).uniform_(-0.1, 0.1))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, key_padding_mask=None):
        B, L, E = x.shape
        H, D = self.nhead, E // self.nhead
        qkv = torch.einsum("ble,fe->blf", x, self.in_proj_weight) + self.in_proj_bias
        q, k, v = (t.reshape(B, L, H, D) for t in qkv.split(E, dim=-1))
        scores = torch.einsum("bihd,bjhd->bhij", q, k) * D ** -0.5
        if key_padding_mask is not None:
            keep = ~key_padding_mask.view(B, 1, 1, L)
            scores = torch.where(keep, scores, torch.tensor(float("-inf"), dtype=x.dtype, device=x.device))
        weights = scores.softmax(dim=-1)
        return self.out_proj(torch.einsum("bhij,bjhd->bihd", weights, v).reshape(B, L, E))


class EncoderLayer(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, norm_first=False, layer_norm_eps=1e-5):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = SelfAttention(d_model, nhead)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = LayerNorm(d_model, layer_norm_eps)
        self.norm2 = LayerNorm(d_model, layer_norm_eps)

    def _ff(self, x):
        return self.linear2(self.linear1(x).clamp(min=0))

    def forward(self, src, src_key_padding_mask=None):
        x = src
        if self.norm_first:
            x = x + self.self_attn(self.norm1(x), src_key_padding_mask)
            x = x + self._ff(self.norm2(x))
        else:
            x = self.norm1(x + self.self_attn(x, src_key_padding_mask))
            x = self.norm2(x + self._ff(x))
        return x
