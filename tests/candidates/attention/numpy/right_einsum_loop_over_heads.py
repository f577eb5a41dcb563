"""Correct, in another style: einsum, -1e9 for masked scores, and an explicit loop over the heads."""
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = np.einsum("...ld,...sd->...ls", q, k) / q.dtype.type(np.sqrt(q.shape[-1]))
    if mask is not None:
        scores = np.where(mask, scores, np.asarray(-1e9, dtype=scores.dtype))
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= np.sum(weights, axis=-1, keepdims=True)
    return np.einsum("...ls,...sd->...ld", weights, v)


class MultiHeadAttention:
    def __init__(self, embed_dim: int, num_heads: int):
        self.embed_dim, self.num_heads = embed_dim, num_heads
        rng = np.random.default_rng(0)
        for name in ("w_q", "w_k", "w_v", "w_o"):
            setattr(self, name, rng.standard_normal((embed_dim, embed_dim)) / np.sqrt(embed_dim))
        for name in ("b_q", "b_k", "b_v", "b_o"):
            setattr(self, name, np.zeros(embed_dim))

    def forward(self, query, key, value, mask=None):
        q = query @ self.w_q + self.b_q
        k = key @ self.w_k + self.b_k
        v = value @ self.w_v + self.b_v
        batch, length, _ = query.shape
        width = self.embed_dim // self.num_heads
        if mask is not None:
            mask = np.broadcast_to(mask, (batch, self.num_heads, length, key.shape[1]))
        heads = []
        for h in range(self.num_heads):
            block = slice(h * width, (h + 1) * width)
            heads.append(scaled_dot_product_attention(
                q[..., block], k[..., block], v[..., block], None if mask is None else mask[:, h]))
        return np.concatenate(heads, axis=-1) @ self.w_o + self.b_o
