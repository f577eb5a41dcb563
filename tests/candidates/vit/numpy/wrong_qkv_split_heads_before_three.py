"""Classic bug: the fused qkv output reshaped as (B, T, num_heads, 3, head_dim): queries, keys and
values interleaved per head, which agrees with the right split only for one head."""
# expect-fail: vit_forward[two_blocks_of_four_heads] vit_forward[heads_of_width_12_in_float64] vit_features[two_blocks_of_four_heads]
# hint: split-qkv-into-heads
import math

import numpy as np


def erf(x):
    # NumPy has no erf (and SciPy is not allowed): math.erf, element by element, in x's dtype.
    return np.vectorize(math.erf, otypes=[x.dtype])(x)


def gelu(x):
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))  # exact GELU, x * Phi(x)


def layer_norm(x, params, name, eps=1e-6):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # biased, as nn.LayerNorm
    return (x - mean) / np.sqrt(var + eps) * params[name + ".weight"] + params[name + ".bias"]


def linear(x, params, name):
    return x @ params[name + ".weight"].T + params[name + ".bias"]  # nn.Linear's (out, in) weight


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention(x, params, name, num_heads):
    B, T, E = x.shape
    head_dim = E // num_heads
    # (B, T, 3E) -> (3, B, H, T, head_dim): [queries | keys | values], each cut into heads.
    q, k, v = linear(x, params, name + ".qkv").reshape(B, T, num_heads, 3, head_dim).transpose(3, 0, 2, 1, 4)
    weights = softmax(q @ k.swapaxes(-2, -1) * head_dim ** -0.5)
    heads = (weights @ v).transpose(0, 2, 1, 3).reshape(B, T, E)  # heads back side by side
    return linear(heads, params, name + ".proj")


def vit_features(images, params, num_heads):
    weight = params["patch_embed.proj.weight"]  # (E, C, P, P)
    E, C, P, _ = weight.shape
    B, _, size, _ = images.shape
    grid = size // P
    # (B, C, g, P, g, P) -> (B, g, g, C, P, P): patch r * g + c is row r, column c, flattened as the weight.
    patches = images.reshape(B, C, grid, P, grid, P).transpose(0, 2, 4, 1, 3, 5).reshape(B, grid * grid, -1)
    x = patches @ weight.reshape(E, -1).T + params["patch_embed.proj.bias"]
    cls = np.broadcast_to(params["cls_token"], (B, 1, E))
    x = np.concatenate([cls, x], axis=1) + params["pos_embed"]  # the class token first, then every position
    depth = len({key.split(".")[1] for key in params if key.startswith("blocks.")})
    for i in range(depth):
        block = f"blocks.{i}."
        x = x + attention(layer_norm(x, params, block + "norm1"), params, block + "attn", num_heads)
        hidden = gelu(linear(layer_norm(x, params, block + "norm2"), params, block + "mlp.fc1"))
        x = x + linear(hidden, params, block + "mlp.fc2")
    return layer_norm(x, params, "norm")


def vit_forward(images, params, num_heads):
    return linear(vit_features(images, params, num_heads)[:, 0], params, "head")  # the class token
