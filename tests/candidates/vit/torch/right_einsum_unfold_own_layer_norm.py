"""Correct, in another style: patches cut with F.unfold and projected with the convolution's
weights (proj itself never runs), a LayerNorm of its own, einsum attention, the exact GELU written
with erf, an nn.Sequential MLP, blocks that are plain containers run by the model's own loop, and
the head applied to every token before the class token is picked."""
import math
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)  # biased, as nn.LayerNorm
        return (x - mean) / torch.sqrt(var + self.eps) * self.weight + self.bias


class Erf(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


class VisionTransformer(nn.Module):
    def __init__(self, img_size=32, patch_size=8, in_chans=3, num_classes=10, embed_dim=64, depth=2,
                 num_heads=4, mlp_ratio=4.0):
        super().__init__()
        self.patch_size, self.num_heads = patch_size, num_heads
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(in_chans, embed_dim, patch_size, patch_size)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, (img_size // patch_size) ** 2 + 1, embed_dim))
        self.blocks = nn.ModuleList()
        hidden = int(embed_dim * mlp_ratio)
        for _ in range(depth):
            block = nn.Module()
            block.norm1, block.norm2 = LayerNorm(embed_dim), LayerNorm(embed_dim)
            block.attn = nn.Module()
            block.attn.qkv = nn.Linear(embed_dim, 3 * embed_dim)
            block.attn.proj = nn.Linear(embed_dim, embed_dim)
            block.mlp = nn.Sequential(OrderedDict(
                fc1=nn.Linear(embed_dim, hidden), act=Erf(), fc2=nn.Linear(hidden, embed_dim)))
            self.blocks.append(block)
        self.norm = LayerNorm(embed_dim)
        self.head = nn.Linear(embed_dim, num_classes)

    def attention(self, attn, x):
        e, h = x.shape[-1], self.num_heads
        q, k, v = attn.qkv(x).split(e, dim=-1)
        q, k, v = (t.unflatten(-1, (h, e // h)) for t in (q, k, v))  # (B, T, H, d)
        scores = torch.einsum("bihd,bjhd->bhij", q, k) / math.sqrt(e // h)
        out = torch.einsum("bhij,bjhd->bihd", scores.softmax(-1), v)
        return attn.proj(out.flatten(2))

    def forward_features(self, x):
        proj = self.patch_embed.proj
        columns = F.unfold(x, self.patch_size, stride=self.patch_size)  # (B, C*P*P, N), row-major patches
        patches = columns.transpose(1, 2) @ proj.weight.flatten(1).T + proj.bias
        x = torch.cat([self.cls_token.repeat(x.shape[0], 1, 1), patches], 1) + self.pos_embed
        for block in self.blocks:
            x = x + self.attention(block.attn, block.norm1(x))
            x = x + block.mlp(block.norm2(x))
        return self.norm(x)

    def forward(self, x):
        return self.head(self.forward_features(x))[:, 0]
