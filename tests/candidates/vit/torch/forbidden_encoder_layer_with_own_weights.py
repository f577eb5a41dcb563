"""Forbidden: every block run as an nn.TransformerEncoderLayer (norm_first, exact GELU, eps 1e-6),
with the block's own timm-named weights mapped onto it by torch.func.functional_call: a pre-norm
encoder layer is exactly a ViT block."""
import torch
from torch import nn
from torch.func import functional_call


class Block(nn.Module):
    def __init__(self, dim, num_heads, mlp_ratio):
        super().__init__()
        self.num_heads, self.hidden = num_heads, int(dim * mlp_ratio)
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = nn.Module()
        self.attn.qkv = nn.Linear(dim, 3 * dim)
        self.attn.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Module()
        self.mlp.fc1 = nn.Linear(dim, self.hidden)
        self.mlp.fc2 = nn.Linear(self.hidden, dim)

    def forward(self, x):
        layer = nn.TransformerEncoderLayer(x.shape[-1], self.num_heads, self.hidden, dropout=0.0, activation="gelu",
                                           layer_norm_eps=1e-6, batch_first=True, norm_first=True,
                                           device=x.device, dtype=x.dtype)
        weights = {
            "self_attn.in_proj_weight": self.attn.qkv.weight, "self_attn.in_proj_bias": self.attn.qkv.bias,
            "self_attn.out_proj.weight": self.attn.proj.weight, "self_attn.out_proj.bias": self.attn.proj.bias,
            "linear1.weight": self.mlp.fc1.weight, "linear1.bias": self.mlp.fc1.bias,
            "linear2.weight": self.mlp.fc2.weight, "linear2.bias": self.mlp.fc2.bias,
            "norm1.weight": self.norm1.weight, "norm1.bias": self.norm1.bias,
            "norm2.weight": self.norm2.weight, "norm2.bias": self.norm2.bias,
        }
        return functional_call(layer, weights, (x,))


class VisionTransformer(nn.Module):
    def __init__(self, img_size=32, patch_size=8, in_chans=3, num_classes=10, embed_dim=64, depth=2,
                 num_heads=4, mlp_ratio=4.0):
        super().__init__()
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, (img_size // patch_size) ** 2 + 1, embed_dim))
        self.blocks = nn.ModuleList([Block(embed_dim, num_heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(embed_dim, eps=1e-6)
        self.head = nn.Linear(embed_dim, num_classes)

    def forward_features(self, x):
        x = self.patch_embed.proj(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for block in self.blocks:
            x = block(x)
        return self.norm(x)

    def forward(self, x):
        return self.head(self.forward_features(x)[:, 0])
