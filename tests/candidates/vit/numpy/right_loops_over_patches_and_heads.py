"""Right: loops over the patch grid, the blocks and the heads, everything in float64 and cast back
at the end; erf through np.frompyfunc, LayerNorm spelt out."""
import math

import numpy as np


def _norm(x, weight, bias):
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + 1e-6) * weight + bias


def _gelu(x):
    return x * (1.0 + np.frompyfunc(math.erf, 1, 1)(x / math.sqrt(2.0)).astype(np.float64)) / 2.0


def _tokens(images, p, num_heads):
    p = {name: value.astype(np.float64) for name, value in p.items()}
    images = images.astype(np.float64)
    batch, _, size, _ = images.shape
    kernel = p["patch_embed.proj.weight"]
    width, patch = kernel.shape[0], kernel.shape[-1]
    grid = size // patch
    rows = []
    for r in range(grid):
        for c in range(grid):
            window = images[:, :, r * patch:(r + 1) * patch, c * patch:(c + 1) * patch]
            rows.append(window.reshape(batch, -1) @ kernel.reshape(width, -1).T + p["patch_embed.proj.bias"])
    x = np.stack([np.repeat(p["cls_token"][0], batch, axis=0)] + rows, axis=1) + p["pos_embed"]
    head_dim = width // num_heads
    i = 0
    while f"blocks.{i}.attn.qkv.weight" in p:
        b = f"blocks.{i}."
        h = _norm(x, p[b + "norm1.weight"], p[b + "norm1.bias"])
        qkv = h @ p[b + "attn.qkv.weight"].T + p[b + "attn.qkv.bias"]
        heads = []
        for k in range(num_heads):
            part = slice(k * head_dim, (k + 1) * head_dim)
            q = qkv[..., :width][..., part]
            key = qkv[..., width:2 * width][..., part]
            v = qkv[..., 2 * width:][..., part]
            scores = q @ key.transpose(0, 2, 1) / math.sqrt(head_dim)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            heads.append(scores / scores.sum(axis=-1, keepdims=True) @ v)
        x = x + np.concatenate(heads, axis=-1) @ p[b + "attn.proj.weight"].T + p[b + "attn.proj.bias"]
        h = _norm(x, p[b + "norm2.weight"], p[b + "norm2.bias"])
        h = _gelu(h @ p[b + "mlp.fc1.weight"].T + p[b + "mlp.fc1.bias"])
        x = x + h @ p[b + "mlp.fc2.weight"].T + p[b + "mlp.fc2.bias"]
        i += 1
    return _norm(x, p["norm.weight"], p["norm.bias"]), p


def vit_features(images, params, num_heads):
    return _tokens(images, params, num_heads)[0].astype(images.dtype)


def vit_forward(images, params, num_heads):
    x, p = _tokens(images, params, num_heads)
    return (x[:, 0] @ p["head.weight"].T + p["head.bias"]).astype(images.dtype)
