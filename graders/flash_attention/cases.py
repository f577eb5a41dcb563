"""flash_attention cases and the float64 oracle, shared by both tracks.

flash_attention(q, k, v, causal=False, block_size=64): q (B, H, L, D), k and v (B, H, S, D). The
cases vary, pairwise, causal against the block size (1, dividing S, leaving a remainder block,
larger than S, equal to D) and both against the dtype; L == S and L != S (causal only with
L == S); B == H. Large scores grow along the keys, so that a later block holds a row's maximum and
the running sums must be rescaled (without a running maximum exp overflows). The memory case is
one batch and one head with L = S = 2048: no intermediate may have L·S elements
(memory_cases says how each track measures it). DIAGNOSES: the classic bugs a failing output is held to."""
from __future__ import annotations

import math
from functools import partial

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, normal

MEMORY_LENGTH = 2048


class growing_along_the_sequence(Recipe):
    """N(0, 1) values whose position t along the sequence (axis -2) is scaled by low + (high - low)·t/(n - 1)."""

    def __init__(self, shape: tuple[int, ...], low: float, high: float, dtype: str = "float32"):
        self.shape, self.low, self.high, self.dtype = tuple(shape), low, high, dtype

    def _ramp(self) -> str:
        return f"np.linspace({self.low!r}, {self.high!r}, {self.shape[-2]})[:, None]"

    def draw(self, rng):
        return rng.standard_normal(self.shape) * np.linspace(self.low, self.high, self.shape[-2])[:, None]

    def code(self):
        return f"rng.standard_normal({self.shape!r}) * {self._ramp()}"

    def describe(self):
        return _("{dtype} {shape}, position t scaled from {low} to {high}").format(
            dtype=self.dtype, shape=repr(self.shape), low=f"{self.low:g}", high=f"{self.high:g}")


def attention_case(name: str, batch: int, heads: int, queries: int, keys: int, dim: int, *,
                   dtype: str = "float32", key_growth: float | None = None, query_scale: float = 1.0,
                   shift: float = 0.0, **options) -> Case:
    """q ~ N(shift, query_scale²); k ~ N(-shift, 1), or scaled from 1 to `key_growth` along the keys;
    v ~ N(0, 1). options: causal, block_size (left out: the default)."""
    keys_recipe = (normal((batch, heads, keys, dim), shift=-shift, dtype=dtype) if key_growth is None else
                   growing_along_the_sequence((batch, heads, keys, dim), 1.0, key_growth, dtype))
    return Case(name, q=normal((batch, heads, queries, dim), scale=query_scale, shift=shift, dtype=dtype),
                k=keys_recipe,
                v=normal((batch, heads, keys, dim), dtype=dtype), **options)


def cases() -> list[Case]:
    return [
        attention_case("default_block_larger_than_the_sequence", 2, 3, 8, 8, 8),
        attention_case("causal_with_the_default_block_in_float64", 2, 2, 8, 8, 8, dtype="float64", causal=True),
        attention_case("blocks_that_divide_the_keys", 2, 3, 12, 12, 8, block_size=4),
        # Rows 0-3 see only the first block: the next two are entirely masked for them.
        attention_case("causal_blocks_that_divide_the_keys", 2, 2, 12, 12, 8, causal=True, block_size=4),
        attention_case("causal_blocks_that_divide_the_keys_in_float64", 1, 2, 8, 8, 4, dtype="float64",
                       causal=True, block_size=2),
        attention_case("remainder_block", 2, 2, 10, 10, 8, block_size=4),
        attention_case("causal_with_a_remainder_block", 2, 2, 10, 10, 8, causal=True, block_size=4),
        attention_case("more_keys_than_queries_with_a_remainder_block_in_float64", 2, 2, 5, 11, 8,
                       dtype="float64", block_size=4),
        attention_case("fewer_keys_than_queries", 2, 2, 9, 6, 8, block_size=4),
        attention_case("block_size_one", 1, 2, 5, 7, 4, block_size=1),
        attention_case("causal_block_size_one_in_float64", 2, 1, 6, 6, 4, dtype="float64", causal=True, block_size=1),
        attention_case("block_larger_than_the_keys_in_float64", 2, 2, 6, 5, 8, dtype="float64", block_size=16),
        attention_case("causal_block_larger_than_the_sequence", 1, 2, 7, 7, 8, causal=True, block_size=16),
        # D == block_size: dividing the scores by sqrt(block_size) instead of sqrt(D) goes unseen here.
        attention_case("block_size_equal_to_the_head_dim", 2, 2, 20, 20, 8, block_size=8),
        attention_case("causal_block_size_equal_to_the_head_dim_in_float64", 2, 2, 20, 20, 8, dtype="float64",
                       causal=True, block_size=8),
        attention_case("as_many_heads_as_batches", 3, 3, 6, 6, 8, causal=True, block_size=4),
        attention_case("one_query_and_one_key", 1, 1, 1, 1, 4, causal=True),
        attention_case("one_query_attending_to_many_keys", 2, 2, 1, 9, 4, block_size=4),
        # Scores of a few hundred that grow block after block: each block's maximum exceeds the
        # last, so the running sums must be rescaled; with the first block's maximum kept, exp overflows.
        attention_case("large_scores_growing_along_the_keys", 2, 2, 6, 16, 16, key_growth=12.0, query_scale=3.0,
                       block_size=4),
        attention_case("causal_large_scores_growing_along_the_keys", 2, 2, 16, 16, 16, key_growth=12.0,
                       query_scale=3.0, causal=True, block_size=4),
        # Every score near -150: a running maximum that starts at 0 instead of -inf never comes
        # down to them, and every exp underflows float32 to 0: 0 / 0.
        attention_case("very_negative_scores", 2, 2, 5, 10, 16, shift=6.0, block_size=4),
        attention_case("causal_very_negative_scores", 1, 2, 9, 9, 16, shift=6.0, causal=True, block_size=4),
        # Scores in the thousands: exp overflows even float64 unless the maximum is subtracted.
        attention_case("large_scores_in_float64", 2, 2, 8, 12, 16, dtype="float64", key_growth=40.0,
                       query_scale=4.0, block_size=4),
    ]


def memory_cases(track: str) -> list[Case]:
    """One batch and one head, L = S = 2048, D = 8, in float64. The torch track bounds each
    operation's output by L·S elements: blocks of 64 keys give (L, 64) scores, 32 times below it. The
    NumPy track bounds the peak held during the call by L·S bytes (4 MiB): blocks of 8 keep the
    reference's peak near 1 MiB (its (L, D) running output and copies, and a few (L, 8) blocks)."""
    block_size = 8 if track == "numpy" else 64
    return [attention_case(name, 1, 1, MEMORY_LENGTH, MEMORY_LENGTH, 8, dtype="float64", causal=causal,
                           block_size=block_size)
            for name, causal in (("long_sequence", False), ("long_causal_sequence", True))]


def reference(q, k, v, causal=False, block_size=64):
    """softmax(q kᵀ / sqrt(D)) v in float64, the whole score matrix at once (block_size changes nothing)."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        scores = scores.masked_fill(~torch.ones(scores.shape[-2:], dtype=torch.bool).tril(), -math.inf)
    return torch.softmax(scores, dim=-1) @ v


def score_bound(q, k, **_) -> float:
    """The largest Σ_d |q_d|·|k_d| / sqrt(D): float32 rounds each score to a few eps of that size,
    and the output follows the scores."""
    return float((q.abs() @ k.abs().transpose(-2, -1)).amax()) / math.sqrt(q.shape[-1])


def condition(q, k, **_) -> float:
    return max(1.0, 0.1 * score_bound(q, k))


def gradient_scale(q, k, v, **_):
    """The natural scale of the gradients of q and k for an upstream g: |g vᵀ| · |q or k| / sqrt(D).
    Where the softmax is one-hot to working precision their true value is ~0, but rounding is not."""
    def magnitude(upstream) -> float:
        inputs = max(float(q.abs().amax()), float(k.abs().amax()))
        return float((upstream @ v.transpose(-2, -1)).abs().amax()) * inputs / math.sqrt(q.shape[-1])

    return magnitude


def blocked(q, k, v, causal=False, block_size=64, *, rescale_sum=True, rescale_output=True, every_block=True):
    """The blocked loop with the classic bugs as flags: sums not rescaled when the maximum grows,
    only whole blocks read (no keys at all when block_size > S: 0 / 0, as the candidate's)."""
    q = q / math.sqrt(q.shape[-1])
    m = torch.full_like(q[..., :1], -math.inf)
    total, out = torch.zeros_like(m), torch.zeros_like(q)
    rows, length = torch.arange(q.shape[-2])[:, None], k.shape[-2]
    for start in range(0, length if every_block else length - block_size + 1, block_size):
        s = q @ k[..., start:start + block_size, :].transpose(-2, -1)
        if causal:
            s = s.masked_fill(torch.arange(start, start + s.shape[-1]) > rows, -math.inf)
        new = torch.maximum(m, s.amax(-1, keepdim=True))
        alpha, p = torch.exp(m - new), torch.exp(s - new)
        total = (total * alpha if rescale_sum else total) + p.sum(-1, keepdim=True)
        out = (out * alpha if rescale_output else out) + p @ v[..., start:start + block_size, :]
        m = new
    return out / total


def _diagonal_masked(q, k, v, causal=False, block_size=64):
    """Keys j >= i hidden: query 0 sees no key (a softmax of -inf only: NaN, as the candidate's)."""
    if not causal:
        return reference(q, k, v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(~torch.ones(scores.shape[-2:], dtype=torch.bool).tril(-1), -math.inf)
    return torch.softmax(scores, dim=-1) @ v


DIAGNOSES = (
    Diagnosis("diagonal-masked", _diagonal_masked),
    Diagnosis("scaled-by-the-block-size", lambda q, k, v, causal=False, block_size=64:
              reference(q * math.sqrt(q.shape[-1] / block_size), k, v, causal)),
    Diagnosis("remainder-block-forgotten", partial(blocked, every_block=False)),
    Diagnosis("running-sums-not-rescaled", partial(blocked, rescale_sum=False, rescale_output=False)),
    Diagnosis("output-not-rescaled", partial(blocked, rescale_output=False)),
)
