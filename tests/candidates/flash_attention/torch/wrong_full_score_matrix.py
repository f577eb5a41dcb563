"""Classic bug: not blocked at all: the whole (L, S) score matrix and a stable softmax, the
right values at L·S memory."""
# expect-fail: no_score_matrix[long_sequence] no_score_matrix[long_causal_sequence]
# hint: one-block-at-a-time
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        L, S = scores.shape[-2:]
        scores = scores.masked_fill(torch.arange(S) > torch.arange(L)[:, None], -math.inf)
    weights = torch.exp(scores - scores.amax(-1, keepdim=True))
    return weights @ v / weights.sum(-1, keepdim=True)
