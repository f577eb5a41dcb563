"""Classic bug: the whole L×S causal mask built once before the loop and sliced per block:
right values, but an L·S intermediate (a bool counts)."""
# expect-fail: no_score_matrix[long_causal_sequence]
# hint: one-block-at-a-time
import math

import numpy as np


def flash_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False,
                    block_size: int = 64) -> np.ndarray:
    L, S = q.shape[-2], k.shape[-2]
    q = q / np.asarray(math.sqrt(q.shape[-1]), dtype=q.dtype)  # a float64 scalar would upcast float32
    row_max = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)  # the largest score seen so far
    row_sum = np.zeros_like(row_max)                                 # sum of exp(score - row_max) so far
    out = np.zeros_like(q)                                           # sum of exp(score - row_max) * v so far
    allowed = np.tril(np.ones((L, S), dtype=bool)) if causal else None  # all at once
    for start in range(0, S, block_size):
        scores = q @ k[..., start:start + block_size, :].swapaxes(-1, -2)  # (B, H, L, block)
        if causal:
            scores = np.where(allowed[:, start:start + block_size], scores, -np.inf)
        new_max = np.maximum(row_max, scores.max(axis=-1, keepdims=True))
        rescale = np.exp(row_max - new_max)  # what the old sums were measured against, now smaller
        weights = np.exp(scores - new_max)
        row_sum = row_sum * rescale + weights.sum(axis=-1, keepdims=True)
        out = out * rescale + weights @ v[..., start:start + block_size, :]
        row_max = new_max
    return out / row_sum
