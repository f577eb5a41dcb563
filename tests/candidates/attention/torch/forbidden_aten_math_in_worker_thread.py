"""Forbidden: the math kernel behind F.scaled_dot_product_attention, called as an ATen operation
from a worker thread, out of sight of the thread-local torch modes; its name is built at run time,
out of sight of the static scan too, so only the dispatcher guard can catch it."""
from concurrent.futures import ThreadPoolExecutor

import torch
from torch import nn


def scaled_dot_product_attention(q, k, v, mask=None):
    if mask is not None:  # this kernel takes an additive mask
        mask = torch.zeros(mask.shape, dtype=q.dtype).masked_fill(~mask, float("-inf"))
    kernel = getattr(torch.ops.aten, "".join(reversed("htam_noitnetta_tcudorp_tod_delacs_")))
    with ThreadPoolExecutor(1) as pool:
        out, _ = pool.submit(kernel, q, k, v, mask).result()
    return out


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, mask=None):
        split = lambda x: x.unflatten(-1, (self.num_heads, -1)).transpose(1, 2)
        out = scaled_dot_product_attention(split(self.q_proj(query)), split(self.k_proj(key)),
                                           split(self.v_proj(value)), mask)
        return self.out_proj(out.transpose(1, 2).flatten(2))
