"""Classic bug: the projections fused once in __init__; forward never sees the weights set on the
instance afterwards."""
# expect-fail: multi_head_attention[one_head] multi_head_attention[two_heads]
# hint: split-and-merge-the-heads
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.swapaxes(-1, -2) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ v


class MultiHeadAttention:
    def __init__(self, embed_dim, num_heads):
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        self.w_q, self.w_k, self.w_v, self.w_o = (np.eye(embed_dim, dtype=np.float32) for _ in range(4))
        self.b_q, self.b_k, self.b_v, self.b_o = (np.zeros(embed_dim, dtype=np.float32) for _ in range(4))
        self.w_qkv = np.concatenate([self.w_q, self.w_k, self.w_v], axis=1)

    def split(self, x):
        batch, length, _ = x.shape
        return x.reshape(batch, length, self.num_heads, self.head_dim).transpose(0, 2, 1, 3)

    def forward(self, query, key, value, mask=None):
        batch, length, embed_dim = query.shape
        w_q, w_k, w_v = np.split(self.w_qkv, 3, axis=1)
        q = self.split(query @ w_q + self.b_q)
        k = self.split(key @ w_k + self.b_k)
        v = self.split(value @ w_v + self.b_v)
        out = scaled_dot_product_attention(q, k, v, mask)
        out = out.transpose(0, 2, 1, 3).reshape(batch, length, embed_dim)
        return out @ self.w_o + self.b_o
