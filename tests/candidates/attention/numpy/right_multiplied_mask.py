"""Correct, in another style: the mask applied by multiplying the exponentials, with each row's
maximum taken over the keys it may attend to; heads folded into the batch axis (B*H, T, E/H)."""
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = (q * q.dtype.type(1 / np.sqrt(q.shape[-1]))) @ np.swapaxes(k, -1, -2)
    if mask is None:
        mask = np.ones(scores.shape[-2:], dtype=bool)
    top = np.max(np.where(mask, scores, -np.inf), axis=-1, keepdims=True)
    e = np.exp(np.minimum(scores - top, 0)) * mask
    return (e / e.sum(axis=-1, keepdims=True)) @ v


class MultiHeadAttention:
    def __init__(self, embed_dim, num_heads):
        self.h = num_heads
        self.w_q = self.w_k = self.w_v = self.w_o = np.identity(embed_dim)
        self.b_q = self.b_k = self.b_v = self.b_o = np.zeros(embed_dim)

    def forward(self, query, key, value, mask=None):
        b, l, e = query.shape
        s, h = key.shape[1], self.h
        fold = lambda x, t: x.reshape(b, t, h, e // h).transpose(0, 2, 1, 3).reshape(b * h, t, e // h)
        q = fold(query @ self.w_q + self.b_q, l)
        k = fold(key @ self.w_k + self.b_k, s)
        v = fold(value @ self.w_v + self.b_v, s)
        if mask is not None:
            mask = np.broadcast_to(mask, (b, h, l, s)).reshape(b * h, l, s)
        out = scaled_dot_product_attention(q, k, v, mask).reshape(b, h, l, e // h)
        return out.transpose(0, 2, 1, 3).reshape(b, l, e) @ self.w_o + self.b_o
