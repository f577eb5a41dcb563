"""Classic bug: the softmax subtracts each row's maximum over every key, masked ones included, then
zeroes the masked exponentials. When a masked key scores over about 100 above every key the query
may attend, all of those underflow to 0 and the row is 0 / 0."""
# expect-fail: scaled_dot_product_attention[large_scores_with_a_mask] multi_head_attention[large_scores_with_a_mask]
# hint: subtract-the-row-maximum
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1]).astype(q.dtype)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    if mask is not None:
        e = e * mask
    return e / e.sum(axis=-1, keepdims=True) @ v


class MultiHeadAttention:
    def __init__(self, embed_dim, num_heads):
        self.num_heads = num_heads
        self.w_q = self.w_k = self.w_v = self.w_o = np.eye(embed_dim)
        self.b_q = self.b_k = self.b_v = self.b_o = np.zeros(embed_dim)

    def heads(self, x):
        b, t, e = x.shape
        return x.reshape(b, t, self.num_heads, e // self.num_heads).transpose(0, 2, 1, 3)

    def forward(self, query, key, value, mask=None):
        q = self.heads(query @ self.w_q + self.b_q)
        k = self.heads(key @ self.w_k + self.b_k)
        v = self.heads(value @ self.w_v + self.b_v)
        out = scaled_dot_product_attention(q, k, v, mask).transpose(0, 2, 1, 3)
        return out.reshape(query.shape) @ self.w_o + self.b_o
