"""Classic bug: the scores scaled by 1 / sqrt(block_size) instead of 1 / sqrt(D): right only
when they are equal."""
# expect-fail: flash_attention[blocks_that_divide_the_keys] flash_attention[block_size_one] flash_attention[default_block_larger_than_the_sequence]
# hint: rescale-what-you-have
import math

import torch


def flash_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, causal: bool = False,
                    block_size: int = 64) -> torch.Tensor:
    L, S = q.shape[-2], k.shape[-2]
    q = q / math.sqrt(block_size)
    row_max = torch.full_like(q[..., :1], -math.inf)  # (B, H, L, 1): the largest score seen so far
    row_sum = torch.zeros_like(q[..., :1])            # sum of exp(score - row_max) so far
    out = torch.zeros_like(q)                         # sum of exp(score - row_max) * v so far
    queries = torch.arange(L, device=q.device)[:, None]
    for start in range(0, S, block_size):
        scores = q @ k[..., start:start + block_size, :].transpose(-2, -1)  # (B, H, L, block)
        if causal:
            keys = torch.arange(start, start + scores.shape[-1], device=q.device)
            scores = scores.masked_fill(keys > queries, -math.inf)  # only this block's (L, block) mask
        new_max = torch.maximum(row_max, scores.amax(-1, keepdim=True))
        rescale = torch.exp(row_max - new_max)  # what the old sums were measured against, now smaller
        weights = torch.exp(scores - new_max)
        row_sum = row_sum * rescale + weights.sum(-1, keepdim=True)
        out = out * rescale + weights @ v[..., start:start + block_size, :]
        row_max = new_max
    return out / row_sum
