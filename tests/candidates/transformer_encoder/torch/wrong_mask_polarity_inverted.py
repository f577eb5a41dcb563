"""Classic bug: the padding mask read as "True = may attend" (the attention kata's convention),
so every query attends to the padding only."""
# expect-fail: encoder_layer[post_norm_with_padding] encoder_layer[pre_norm_with_padding] encoder_layer[batch_equal_to_length_and_width_to_feedforward]
# hint: true-means-padding
import math

import torch
from torch import nn


def sinusoidal_positions(length, dim):
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)  # (L, 1)
    # Column pair (2i, 2i + 1) turns at 1 / 10000 ** (2i / dim); an odd dim's last column is a sine.
    frequency = torch.exp(torch.arange(0, dim, 2, dtype=torch.float64) * (-math.log(10000.0) / dim))
    angle = position * frequency  # (L, ceil(dim / 2))
    table = torch.zeros(length, dim, dtype=torch.float64)
    table[:, 0::2] = torch.sin(angle)
    table[:, 1::2] = torch.cos(angle[:, : dim // 2])
    return table.float()


class SelfAttention(nn.Module):
    """nn.MultiheadAttention's parameters, under its names: in_proj_weight holds W_q, W_k, W_v stacked."""

    def __init__(self, d_model, nhead):
        super().__init__()
        self.nhead = nhead
        self.in_proj_weight = nn.Parameter(torch.empty(3 * d_model, d_model))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        self.out_proj = nn.Linear(d_model, d_model)
        nn.init.xavier_uniform_(self.in_proj_weight)

    def forward(self, x, key_padding_mask=None):
        B, L, E = x.shape
        head_dim = E // self.nhead
        # Chunk into q, k, v first, then split each into heads: (B, L, 3, H, head_dim).
        qkv = (x @ self.in_proj_weight.T + self.in_proj_bias).view(B, L, 3, self.nhead, head_dim)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)  # each (B, H, L, head_dim)
        scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)  # (B, H, L, L)
        if key_padding_mask is not None:
            # True marks a padding token: no query may attend to it.
            scores = scores.masked_fill(~key_padding_mask[:, None, None, :], float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v  # (B, H, L, head_dim)
        return self.out_proj(out.transpose(1, 2).reshape(B, L, E))


class EncoderLayer(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, norm_first=False, layer_norm_eps=1e-5):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = SelfAttention(d_model, nhead)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model, eps=layer_norm_eps)
        self.norm2 = nn.LayerNorm(d_model, eps=layer_norm_eps)

    def feed_forward(self, x):
        return self.linear2(torch.relu(self.linear1(x)))

    def forward(self, src, src_key_padding_mask=None):
        x = src
        if self.norm_first:  # pre-norm: each branch reads a normalised copy; the residual stream is not normalised
            x = x + self.self_attn(self.norm1(x), src_key_padding_mask)
            return x + self.feed_forward(self.norm2(x))
        # post-norm, the paper's: normalise after each residual sum
        x = self.norm1(x + self.self_attn(x, src_key_padding_mask))
        return self.norm2(x + self.feed_forward(x))
