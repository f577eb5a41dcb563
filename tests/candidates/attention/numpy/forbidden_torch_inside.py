"""Forbidden: the numpy track is NumPy only; this borrows torch's attention."""
import numpy as np
import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    mask = None if mask is None else torch.from_numpy(np.asarray(mask))
    return F.scaled_dot_product_attention(torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v),
                                          attn_mask=mask).numpy()


class MultiHeadAttention:
    def __init__(self, embed_dim, num_heads):
        self.num_heads = num_heads
        self.w_q, self.w_k, self.w_v, self.w_o = (np.eye(embed_dim) for _ in range(4))
        self.b_q, self.b_k, self.b_v, self.b_o = (np.zeros(embed_dim) for _ in range(4))

    def forward(self, query, key, value, mask=None):
        batch, length, embed_dim = query.shape
        split = lambda x: x.reshape(batch, -1, self.num_heads, embed_dim // self.num_heads).transpose(0, 2, 1, 3)
        out = scaled_dot_product_attention(split(query @ self.w_q + self.b_q), split(key @ self.w_k + self.b_k),
                                           split(value @ self.w_v + self.b_v), mask)
        return out.transpose(0, 2, 1, 3).reshape(batch, length, embed_dim) @ self.w_o + self.b_o
