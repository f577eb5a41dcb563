"""Correct, FlashAttention's own tiling: queries in tiles too, each tile running its own online
softmax over the key blocks, in float64 inside, with a causal tile skipping the key blocks above
its last query."""
import math

import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    dtype = q.dtype
    q, k, v = q.astype(np.float64) / math.sqrt(q.shape[-1]), k.astype(np.float64), v.astype(np.float64)
    L, S = q.shape[-2], k.shape[-2]
    out = np.empty_like(q)
    for q_start in range(0, L, block_size):
        tile = q[..., q_start:q_start + block_size, :]
        rows = np.arange(q_start, q_start + tile.shape[-2])[:, None]
        m = np.full(tile.shape[:-1] + (1,), -np.inf)
        l = np.zeros_like(m)
        acc = np.zeros_like(tile)
        stop = min(S, q_start + tile.shape[-2]) if causal else S
        for k_start in range(0, stop, block_size):
            s = np.einsum("bhld,bhsd->bhls", tile, k[..., k_start:k_start + block_size, :])
            if causal:
                cols = np.arange(k_start, k_start + s.shape[-1])[None, :]
                s = np.where(cols <= rows, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            p = np.exp(s - m_new)
            alpha = np.exp(m - m_new)
            l = alpha * l + p.sum(axis=-1, keepdims=True)
            acc = alpha * acc + np.einsum("bhls,bhsd->bhld", p, v[..., k_start:k_start + block_size, :])
            m = m_new
        out[..., q_start:q_start + block_size, :] = acc / l
    return out.astype(dtype)
