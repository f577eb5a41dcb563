"""Correct, in the log domain: a running log-sum-exp per query instead of a maximum and a sum; the
output is kept normalised and each block's softmax mixed in by the share of its mass."""
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    L, S = q.shape[-2], k.shape[-2]
    scale = 1.0 / math.sqrt(q.shape[-1])
    lse = None
    out = None
    for start in range(0, S, block_size):
        kb, vb = k[..., start:start + block_size, :], v[..., start:start + block_size, :]
        scores = (q @ kb.transpose(-1, -2)) * scale
        if causal:
            allowed = torch.arange(start, start + kb.shape[-2]) <= torch.arange(L)[:, None]
            scores = torch.where(allowed, scores, -math.inf)
        block_lse = torch.logsumexp(scores, dim=-1, keepdim=True)
        block_out = torch.exp(scores - block_lse).nan_to_num(0.0) @ vb
        if lse is None:
            lse, out = block_lse, block_out
            continue
        new_lse = torch.logaddexp(lse, block_lse)
        out = torch.exp(lse - new_lse) * out + torch.exp(block_lse - new_lse) * block_out
        lse = new_lse
    return out
