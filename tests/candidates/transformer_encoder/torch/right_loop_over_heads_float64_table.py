"""Right: the table column by column in float64; attention head by head from in_proj's three chunks;
the padding mask turned into an additive bias."""
import torch
from torch import nn


def sinusoidal_positions(length, dim):
    pos = torch.arange(length, dtype=torch.float64)
    columns = []
    for j in range(dim):
        angle = pos / 10000.0 ** ((j - j % 2) / dim)
        columns.append(torch.sin(angle) if j % 2 == 0 else torch.cos(angle))
    return torch.stack(columns, dim=1).float()


class Attention(nn.Module):
    def __init__(self, d_model, nhead):
        super().__init__()
        self.nhead = nhead
        self.in_proj_weight = nn.Parameter(torch.randn(3 * d_model, d_model) / d_model ** 0.5)
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, padding=None):
        E = x.shape[-1]
        d = E // self.nhead
        w_q, w_k, w_v = self.in_proj_weight.chunk(3)
        b_q, b_k, b_v = self.in_proj_bias.chunk(3)
        q, k, v = x @ w_q.T + b_q, x @ w_k.T + b_k, x @ w_v.T + b_v
        bias = 0.0
        if padding is not None:
            bias = torch.zeros(padding.shape, dtype=x.dtype, device=x.device).masked_fill(padding, float("-inf"))
            bias = bias[:, None, :]  # (B, 1, L): the same for every query
        heads = []
        for h in range(self.nhead):
            part = slice(h * d, (h + 1) * d)
            scores = q[..., part] @ k[..., part].transpose(1, 2) / d ** 0.5 + bias
            heads.append(torch.softmax(scores, dim=-1) @ v[..., part])
        return self.out_proj(torch.cat(heads, dim=-1))


class EncoderLayer(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, norm_first=False, layer_norm_eps=1e-5):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = Attention(d_model, nhead)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model, eps=layer_norm_eps)
        self.norm2 = nn.LayerNorm(d_model, eps=layer_norm_eps)

    def forward(self, src, src_key_padding_mask=None):
        ff = lambda t: self.linear2(torch.relu(self.linear1(t)))
        sa = lambda t: self.self_attn(t, src_key_padding_mask)
        if self.norm_first:
            h = src + sa(self.norm1(src))
            return h + ff(self.norm2(h))
        h = self.norm1(src + sa(src))
        return self.norm2(h + ff(h))
