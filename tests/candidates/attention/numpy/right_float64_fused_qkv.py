"""Correct, in another style: everything in float64, cast back at the end; one fused matmul projects
the queries, keys and values (stacked along the sequence axis) with [w_q | w_k | w_v]."""
import numpy as np


def _attention64(q, k, v, mask):
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return np.matmul(weights / weights.sum(axis=-1, keepdims=True), v)


def scaled_dot_product_attention(q, k, v, mask=None):
    wide = [x.astype(np.float64) for x in (q, k, v)]
    return _attention64(*wide, mask).astype(q.dtype)


class MultiHeadAttention:
    def __init__(self, embed_dim, num_heads):
        self.num_heads = num_heads
        self.w_q = np.zeros((embed_dim, embed_dim))
        self.w_k = np.zeros((embed_dim, embed_dim))
        self.w_v = np.zeros((embed_dim, embed_dim))
        self.w_o = np.zeros((embed_dim, embed_dim))
        self.b_q, self.b_k, self.b_v, self.b_o = (np.zeros(embed_dim) for _ in range(4))

    def forward(self, query, key, value, mask=None):
        batch, length, embed_dim = query.shape
        source = key.shape[1]
        w_qkv = np.concatenate([self.w_q, self.w_k, self.w_v], axis=1).astype(np.float64)  # (E, 3E)
        b_qkv = np.concatenate([self.b_q, self.b_k, self.b_v]).astype(np.float64)
        stacked = np.concatenate([query, key, value], axis=1).astype(np.float64)  # (B, L + 2S, E)
        projected = stacked @ w_qkv + b_qkv  # every row projected three ways; keep the one it needs
        q = projected[:, :length, :embed_dim]
        k = projected[:, length:length + source, embed_dim:2 * embed_dim]
        v = projected[:, length + source:, 2 * embed_dim:]
        head_dim = embed_dim // self.num_heads

        def split(x):
            return x.reshape(batch, x.shape[1], self.num_heads, head_dim).transpose(0, 2, 1, 3)

        heads = _attention64(split(q), split(k), split(v), mask)
        merged = heads.transpose(0, 2, 1, 3).reshape(batch, length, embed_dim)
        return (merged @ self.w_o.astype(np.float64) + self.b_o).astype(query.dtype)
