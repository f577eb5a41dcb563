"""Classic bug: not blocked at all: the whole (L, S) score matrix and a stable softmax, the
right values at L·S memory."""
# expect-fail: no_score_matrix[long_sequence] no_score_matrix[long_causal_sequence]
# hint: one-block-at-a-time
import math

import numpy as np


def flash_attention(q, k, v, causal=False, block_size=64):
    scores = q @ k.swapaxes(-1, -2) / np.asarray(math.sqrt(q.shape[-1]), dtype=q.dtype)
    if causal:
        L, S = scores.shape[-2:]
        scores = np.where(np.arange(S) > np.arange(L)[:, None], -np.inf, scores)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights @ v / weights.sum(axis=-1, keepdims=True)
