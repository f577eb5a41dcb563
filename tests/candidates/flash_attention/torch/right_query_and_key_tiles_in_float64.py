"""Correct, FlashAttention's own tiling: queries in tiles too, each tile running its own online
softmax over the key blocks, in float64 inside, with a causal tile skipping the key blocks above
its last query."""
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    dtype = q.dtype
    q, k, v = q.double() / math.sqrt(q.shape[-1]), k.double(), v.double()
    L, S = q.shape[-2], k.shape[-2]
    tiles = []
    for q_start in range(0, L, block_size):
        tile = q[..., q_start:q_start + block_size, :]
        rows = torch.arange(q_start, q_start + tile.shape[-2])[:, None]
        m = torch.full(tile.shape[:-1] + (1,), -math.inf, dtype=torch.float64)
        l = torch.zeros_like(m)
        acc = torch.zeros_like(tile)
        stop = min(S, q_start + tile.shape[-2]) if causal else S
        for k_start in range(0, stop, block_size):
            s = torch.einsum("bhld,bhsd->bhls", tile, k[..., k_start:k_start + block_size, :])
            if causal:
                cols = torch.arange(k_start, k_start + s.shape[-1])[None, :]
                s = torch.where(cols <= rows, s, torch.tensor(-math.inf, dtype=torch.float64))
            m_new = torch.maximum(m, s.max(dim=-1, keepdim=True).values)
            p = torch.exp(s - m_new)
            alpha = torch.exp(m - m_new)
            l = alpha * l + p.sum(dim=-1, keepdim=True)
            acc = alpha * acc + torch.einsum("bhls,bhsd->bhld", p, v[..., k_start:k_start + block_size, :])
            m = m_new
        tiles.append(acc / l)
    return torch.cat(tiles, dim=-2).to(dtype)
