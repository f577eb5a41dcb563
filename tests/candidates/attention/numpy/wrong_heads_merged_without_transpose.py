"""Classic bug: the heads' outputs (B, H, L, E/H) reshaped straight to (B, L, E), without moving
the head axis back next to the features."""
# expect-fail: multi_head_attention[two_heads] multi_head_attention[four_heads_attending_to_a_longer_memory]
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
        self.w_q, self.w_k, self.w_v, self.w_o = (np.eye(embed_dim) for _ in range(4))
        self.b_q, self.b_k, self.b_v, self.b_o = (np.zeros(embed_dim) for _ in range(4))

    def forward(self, query, key, value, mask=None):
        batch, length, embed_dim = query.shape
        q = (query @ self.w_q + self.b_q).reshape(batch, -1, self.num_heads, self.head_dim).transpose(0, 2, 1, 3)
        k = (key @ self.w_k + self.b_k).reshape(batch, -1, self.num_heads, self.head_dim).transpose(0, 2, 1, 3)
        v = (value @ self.w_v + self.b_v).reshape(batch, -1, self.num_heads, self.head_dim).transpose(0, 2, 1, 3)
        out = scaled_dot_product_attention(q, k, v, mask)
        out = out.reshape(batch, length, embed_dim)
        return out @ self.w_o + self.b_o
