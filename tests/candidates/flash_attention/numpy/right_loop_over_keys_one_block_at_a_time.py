"""Correct, with the running state updated in place and the causal mask as a boolean index of
the block: the maximum, the normaliser and the unnormalised output, divided once at the end."""
import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    L, S, D = q.shape[-2], k.shape[-2], q.shape[-1]
    scale = q.dtype.type(1.0 / np.sqrt(D))
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    l = np.zeros(q.shape[:-1] + (1,), dtype=q.dtype)
    acc = np.zeros(q.shape, dtype=q.dtype)
    for start in range(0, S, block_size):
        end = min(start + block_size, S)
        s = np.matmul(q, np.swapaxes(k[..., start:end, :], -1, -2)) * scale
        if causal:
            hidden = np.arange(start, end)[None, :] > np.arange(L)[:, None]
            s[..., hidden] = -np.inf
        block_max = s.max(axis=-1, keepdims=True)
        m_new = np.maximum(m, block_max)
        correction = np.exp(m - m_new)
        p = np.exp(s - m_new)
        l *= correction
        l += p.sum(axis=-1, keepdims=True)
        acc *= correction
        acc += p @ v[..., start:end, :]
        m = m_new
    return acc / l
