"""Forbidden: the forward pass left to torch's layers (the numpy track may not import torch)."""
import numpy as np
import torch
import torch.nn.functional as F


def _tokens(images, params, num_heads):
    p = {name: torch.from_numpy(value) for name, value in params.items()}
    x = F.conv2d(torch.from_numpy(images), p["patch_embed.proj.weight"], p["patch_embed.proj.bias"],
                 stride=p["patch_embed.proj.weight"].shape[-1]).flatten(2).transpose(1, 2)
    x = torch.cat([p["cls_token"].expand(len(x), -1, -1), x], dim=1) + p["pos_embed"]
    B, T, E = x.shape
    i = 0
    while f"blocks.{i}.attn.qkv.weight" in p:
        w = lambda name: p[f"blocks.{i}.{name}"]
        h = F.layer_norm(x, (E,), w("norm1.weight"), w("norm1.bias"), eps=1e-6)
        q, k, v = F.linear(h, w("attn.qkv.weight"), w("attn.qkv.bias")).view(B, T, 3, num_heads, -1).permute(2, 0, 3, 1, 4)
        heads = F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(B, T, E)
        x = x + F.linear(heads, w("attn.proj.weight"), w("attn.proj.bias"))
        h = F.layer_norm(x, (E,), w("norm2.weight"), w("norm2.bias"), eps=1e-6)
        x = x + F.linear(F.gelu(F.linear(h, w("mlp.fc1.weight"), w("mlp.fc1.bias"))), w("mlp.fc2.weight"), w("mlp.fc2.bias"))
        i += 1
    return F.layer_norm(x, (E,), p["norm.weight"], p["norm.bias"], eps=1e-6), p


def vit_features(images, params, num_heads):
    return _tokens(images, params, num_heads)[0].numpy()


def vit_forward(images, params, num_heads):
    x, p = _tokens(images, params, num_heads)
    return F.linear(x[:, 0], p["head.weight"], p["head.bias"]).numpy()
