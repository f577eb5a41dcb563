"""rope cases, their oracle and their conditioning, shared by both tracks (the same names in both).

apply_rope(x, positions=None, base=10000.0): x (..., S, D), positions int (S,) or None (0..S-1).
Channel j is rotated with channel j + D/2 by positions[s] * base ** (-2j / D) (rotate-half, as
GPT-NeoX and Hugging Face's Llama); the interleaved pairs (2j, 2j + 1) of Meta's Llama code are a
different function. D = 2 is the one size where the two conventions agree.

Misreadings that broadcast silently are given equal sizes: S == D (cos built (D, S)), S == D/2
(angles built (D/2, S) and tiled along the wrong axis), B == H, H == S and B == S (positions laid
along the heads' or the batch's axis).
diagnoses(): the classic bugs a failing output is held to.
"""
from __future__ import annotations

import numpy as np

from interviewkit.grader import Case, Diagnosis, given, integers, normal, tolerance

# float32's machine epsilon: the relative rounding of an angle computed in float32.
FLOAT32_EPS = float(np.finfo(np.float32).eps)

# x = e_0 in every row: only channel 0's pair is non-zero, so the output row shows where its partner
# is: channel D/2 = 4 (rotate-half) or channel 1 (interleaved). inv_freq[0] = 1 whatever the base.
ONE_HOT_ROWS = tuple((1.0,) + (0.0,) * 7 for _ in range(3))


def cases() -> list[Case]:
    return [
        # No leading dimension: (S, D) alone.
        Case("default_positions_without_leading_dimensions", x=normal((6, 8))),
        Case("rotate_half_not_interleaved_pairs", x=given(ONE_HOT_ROWS)),
        Case("batch_and_heads_with_default_positions", x=normal((2, 3, 5, 8))),
        Case("batch_as_large_as_heads", x=normal((3, 3, 4, 6))),
        Case("positions_given_as_none", x=normal((2, 5, 8)), positions=None),
        # (S, D) angles laid out (D, S) broadcast silently when S == D.
        Case("as_many_positions_as_features", x=normal((2, 8, 8))),
        # (D/2, S) angles tiled to (D/2, 2S) broadcast silently when S == D/2.
        Case("as_many_positions_as_pairs", x=normal((2, 4, 8))),
        # H == S and B == S: the positions laid along the heads' (or the batch's) axis, as Meta's
        # (B, S, H, D) layout puts them, broadcast silently; elsewhere the shapes raise.
        Case("as_many_heads_as_positions", x=normal((2, 4, 4, 8)), positions=given((3, 0, 6, 1), dtype="int64")),
        Case("as_many_sequences_as_positions", x=normal((5, 5, 8)), positions=given((2, 7, 0, 4, 1), dtype="int64")),
        Case("more_positions_than_features", x=normal((1, 2, 12, 4))),
        Case("fewer_positions_than_features", x=normal((2, 3, 32))),
        # D = 2: one pair, one frequency (1): both conventions agree here.
        Case("two_features_a_single_pair", x=normal((3, 5, 2))),
        Case("no_tokens", x=normal((2, 0, 8))),
        # A KV cache: the new tokens sit after the 17 cached ones.
        Case("positions_offset_as_with_a_kv_cache", x=normal((2, 4, 3, 8)), positions=given((17, 18, 19), dtype="int64")),
        Case("one_token_at_a_late_position", x=normal((2, 2, 1, 8)), positions=given((37,), dtype="int64")),
        Case("unsorted_positions", x=normal((4, 8)), positions=given((5, 0, 3, 1), dtype="int64")),
        Case("a_repeated_position", x=normal((2, 4, 8)), positions=given((2, 2, 0, 7), dtype="int64")),
        Case("non_default_base", x=normal((2, 6, 16)), base=100.0),
        Case("non_default_base_at_explicit_positions", x=normal((2, 5, 16)),
             positions=given((9, 3, 3, 0, 12), dtype="int64"), base=500000.0),
        Case("llama_3_base_on_long_heads", x=normal((1, 2, 4, 128)), positions=integers((4,), 0, 64), base=500000.0),
        # Positions of a long context: float32 angles are off by about P·eps radians (see conditioning).
        Case("large_positions_in_float32", x=normal((2, 6, 64)), positions=integers((6,), 8000, 8192)),
        Case("float64_input", x=normal((2, 3, 7, 16), dtype="float64")),
        Case("float64_at_explicit_positions_and_base", x=normal((2, 5, 8), dtype="float64"),
             positions=given((4, 1, 1, 9, 0), dtype="int64"), base=1000.0),
        Case("large_positions_in_float64", x=normal((2, 6, 64), dtype="float64"), positions=integers((6,), 8000, 8192)),
    ]


def oracle(x, positions=None, base=10000.0):
    """The contract's formula in float64 (torch has no RoPE of its own)."""
    import torch

    half = x.shape[-1] // 2
    positions = torch.arange(x.shape[-2]) if positions is None else positions
    inv_freq = base ** (-torch.arange(half, dtype=torch.float64) * 2 / x.shape[-1])
    theta = positions.to(torch.float64)[:, None] * inv_freq[None, :]
    angles = torch.cat([theta, theta], dim=-1)
    return x * torch.cos(angles) + torch.cat([-x[..., half:], x[..., :half]], dim=-1) * torch.sin(angles)


def conditioning(case: Case):
    """c = max(1, 2·(1 + P)·eps32 / atol), P the largest |position|: angles computed in float32 (as
    Hugging Face does, whatever x's dtype) are off by up to about P·eps32 radians, and the output by
    that much of a pair's norm (measured: at most 0.25·(1 + P)·eps32·max|out|). atol is the case's
    dtype's, so both dtypes allow the same absolute error."""
    _, atol = tolerance(case.inputs["x"].dtype, 1.0)

    def condition(x, positions=None, **_) -> float:
        largest = x.shape[-2] - 1 if positions is None else int(positions.abs().max()) if positions.numel() else 0
        return max(1.0, 2 * (1 + max(largest, 0)) * FLOAT32_EPS / atol)

    return condition


def _theta(x, positions=None, base=10000.0, factor=2):
    """(S, D/2) angles; factor 1 is the 2 of 2i/D forgotten."""
    import torch

    positions = torch.arange(x.shape[-2]) if positions is None else positions
    inv_freq = base ** (-torch.arange(x.shape[-1] // 2, dtype=torch.float64) * factor / x.shape[-1])
    return positions.to(torch.float64)[:, None] * inv_freq[None, :]


def _rotated(x, theta, pairwise=False):
    """Rotate-half by `theta`, its angles laid [theta, theta] or, pairwise, repeat_interleave'd."""
    import torch

    half = x.shape[-1] // 2
    angles = theta.repeat_interleave(2, dim=-1) if pairwise else torch.cat([theta, theta], dim=-1)
    return x * torch.cos(angles) + torch.cat([-x[..., half:], x[..., :half]], dim=-1) * torch.sin(angles)


def _interleaved(x, positions=None, base=10000.0):
    """Pairs (2j, 2j + 1): the oracle on the channels laid out even ones first, laid back."""
    import torch

    turned = oracle(torch.cat([x[..., 0::2], x[..., 1::2]], dim=-1), positions, base)
    half = x.shape[-1] // 2
    return torch.stack([turned[..., :half], turned[..., half:]], dim=-1).flatten(-2)


def _axis_found_by_its_length(x, positions=None, base=10000.0):
    """The first axis as long as the positions taken for the sequence's."""
    count = x.shape[-2] if positions is None else len(positions)
    axis = next(i for i in range(x.dim() - 1) if x.shape[i] == count)
    return oracle(x.movedim(axis, -2), positions, base).movedim(-2, axis)


def diagnoses():
    return (
        Diagnosis("interleaved-pairs", _interleaved),
        Diagnosis("rotation-reversed", lambda x, positions=None, base=10000.0:
                  _rotated(x, -_theta(x, positions, base))),
        Diagnosis("angles-repeated-pairwise", lambda x, positions=None, base=10000.0:
                  _rotated(x, _theta(x, positions, base), pairwise=True)),
        Diagnosis("frequencies-without-the-two", lambda x, positions=None, base=10000.0:
                  _rotated(x, _theta(x, positions, base, factor=1))),
        Diagnosis("base-ignored", lambda x, positions=None, base=10000.0: oracle(x, positions)),
        Diagnosis("positions-ignored", lambda x, positions=None, base=10000.0: oracle(x, None, base)),
        Diagnosis("sequence-axis-found-by-its-length", _axis_found_by_its_length),
    )
