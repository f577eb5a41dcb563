"""grpo_loss cases and their float64 oracles (torch track).

group_advantages(rewards, group_size, eps=1e-4): (r - group mean) / (unbiased group std + eps),
groups contiguous, a group of one has std 0. grpo_loss(logps, old_logps, advantages, mask,
ref_logps=None, clip_eps=0.2, beta=0.0): -min(ratio·A, clip(ratio)·A) + beta·k3 per token, one
mean over the kept tokens of the batch (TRL's default "dapo" loss on one process, its "bnpo").

What each choice of inputs rules out:
- Groups: B == G (a (G, B) view runs silently) and B != G; groups of two (the unbiased std is √2
  times the biased one), of one (torch.std is NaN there), constant groups (std 0: only eps keeps
  0/0 away), rewards of spread ~1e-4 (eps = 1e-4 decides: eps under the square root, or another
  default, is far off) and explicit eps of 0.5 and 1e-8.
- Tokens: N == T (advantages multiplied without [:, None] broadcast over tokens, silently) and
  N != T; masks whose rows keep different numbers of tokens (a mean per sequence is off), one row
  keeping none (a mean per sequence is NaN), masks dropping tokens (a mean over all is off).
- Ratios: logps and old_logps are drawn on a grid of 1/64 (exact in float32, so logps - old_logps
  is exact) with a spread that puts many ratios outside [0.7, 1.3] on both sides for both signs of
  A, so either clip side missing, max for min, or a clip of the product shows; no ln(1 ± clip_eps)
  used here lies within 1e-3 of the grid, so float32 never crosses a clip boundary the float64
  reference does not (the gradient jumps there).
- KL: ref_logps - logps spans about ±2, where k3, its reversed form exp(d) - d - 1 with d = logps -
  ref_logps, and k1 = logps - ref_logps all differ; beta in {0.04, 1} meets clip_eps in {0.1, 0.2
  (default), 0.3} pairwise, and ref_logps given with beta = 0 must add nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, integers, mask, normal

GRID = 64  # log-probabilities are multiples of 1/64


@dataclass(frozen=True)
class on_grid(Recipe):
    """N(shift, scale²) values rounded to multiples of 1/64: exactly representable in float32."""

    shape: tuple[int, ...]
    scale: float = 0.3
    shift: float = -1.5
    dtype: str = "float32"

    def draw(self, rng):
        return np.round((rng.standard_normal(self.shape) * self.scale + self.shift) * GRID) / GRID

    def code(self):
        return f"np.round((rng.standard_normal({self.shape!r}) * {self.scale!r} + {self.shift!r}) * {GRID}) / {GRID}"

    def describe(self):
        return _("{dtype} {shape} ~N({shift}, {scale}²) rounded to 1/{grid}").format(
            dtype=self.dtype, shape=repr(self.shape), shift=f"{self.shift:g}", scale=f"{self.scale:g}", grid=GRID)


def kept_prefixes(lengths: tuple[int, ...], length: int) -> given:
    """A padding mask: row i keeps its first lengths[i] tokens."""
    return given(tuple(tuple(t < kept for t in range(length)) for kept in lengths), dtype="bool")


# --- group_advantages -------------------------------------------------------------------------------

def rewards_case(name: str, rewards, group_size: int, **options) -> Case:
    return Case(name, rewards=rewards, group_size=group_size, **options)


# Group 0 all right, group 2 all wrong (constant: std 0), groups 1 and 3 mixed.
MIXED_GROUPS = (1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.25, 1.0, 0.0)


def advantage_cases() -> list[Case]:
    return [
        rewards_case("binary_rewards_in_groups_of_four", integers((12,), 0, 2, dtype="float32"), 4),
        rewards_case("as_many_prompts_as_completions_per_prompt", normal((16,)), 4),
        rewards_case("as_many_prompts_as_completions_in_float64", normal((9,), dtype="float64"), 3),
        rewards_case("groups_of_two", normal((10,)), 2),
        rewards_case("groups_of_two_in_float64", normal((6,), dtype="float64"), 2),
        rewards_case("a_single_group", normal((6,), scale=2.0, shift=1.0), 6),
        rewards_case("groups_of_one_have_zero_advantage", normal((5,)), 1),
        rewards_case("groups_of_one_with_a_large_eps_in_float64", normal((4,), dtype="float64"), 1, eps=0.5),
        rewards_case("constant_groups_among_others", given(MIXED_GROUPS), 4),
        rewards_case("constant_groups_among_others_in_float64", given(MIXED_GROUPS, dtype="float64"), 4),
        rewards_case("every_group_constant", given((1.0, 1.0, 1.0, 0.0, 0.0, 0.0)), 3),
        # Spread ~1e-4, the size of the default eps: eps decides the scale of every advantage.
        rewards_case("tiny_spread_where_the_default_eps_decides", normal((12,), scale=1e-4), 4),
        rewards_case("tiny_spread_where_the_default_eps_decides_in_float64",
                     normal((8,), scale=1e-4, dtype="float64"), 2),
        rewards_case("a_large_eps", normal((12,), scale=0.3), 3, eps=0.5),
        rewards_case("a_large_eps_in_float64", normal((16,), scale=0.3, dtype="float64"), 4, eps=0.5),
        rewards_case("groups_of_two_with_a_large_eps", normal((8,), scale=0.3), 2, eps=0.5),
        rewards_case("a_tiny_eps_in_float64", normal((15,), dtype="float64"), 5, eps=1e-8),
        rewards_case("a_tiny_eps_on_groups_of_two", normal((6,)), 2, eps=1e-8),
        rewards_case("rewards_with_an_offset", normal((24,), shift=5.0), 8),
        rewards_case("many_completions_per_prompt", normal((64,)), 16),
    ]


def advantage_reference(rewards, group_size, eps=1e-4):
    grouped = rewards.detach().reshape(-1, group_size)
    if group_size == 1:
        return torch.zeros_like(rewards)
    std, mean = torch.std_mean(grouped, dim=1, correction=1, keepdim=True)
    return ((grouped - mean) / (std + eps)).reshape(-1)


# --- grpo_loss ----------------------------------------------------------------------------------------

def loss_case(name: str, n: int, t: int, *, kept=None, dtype: str = "float32", spread: float = 0.3,
              ref: bool = False, **options) -> Case:
    """N completions of T tokens: logps and old_logps on the grid (ratios e^{±0.4} and beyond),
    advantages ~N(0, 1), a mask keeping 70% of the tokens unless `kept` gives one, ref_logps ~N(-1.5, 1)
    when `ref`; options add clip_eps and beta."""
    inputs = {
        "logps": on_grid((n, t), scale=spread, dtype=dtype),
        "old_logps": on_grid((n, t), scale=spread, dtype=dtype),
        "advantages": normal((n,), dtype=dtype),
        "mask": mask((n, t)) if kept is None else kept,
    }
    if ref:
        inputs["ref_logps"] = normal((n, t), shift=-1.5, dtype=dtype)
    return Case(name, **inputs, **options)


def loss_cases() -> list[Case]:
    return [
        loss_case("completions_with_the_default_clip_and_no_kl", 6, 8),
        loss_case("completions_with_the_default_clip_in_float64", 5, 7, dtype="float64"),
        # N == T: advantages (N,) times ratios (N, T) broadcast over the tokens, without an error.
        loss_case("as_many_completions_as_tokens", 5, 5),
        loss_case("as_many_completions_as_tokens_with_kl_in_float64", 4, 4, dtype="float64", ref=True, beta=0.04),
        loss_case("padded_completions_of_different_lengths", 6, 8, kept=kept_prefixes((8, 3, 5, 1, 6, 2), 8)),
        loss_case("padded_completions_with_kl_in_float64", 4, 6, kept=kept_prefixes((6, 2, 4, 1), 6),
                  dtype="float64", ref=True, beta=0.04),
        loss_case("a_completion_with_no_kept_token", 4, 6, kept=kept_prefixes((6, 0, 3, 5), 6)),
        loss_case("a_completion_with_no_kept_token_and_strong_kl", 3, 5, kept=kept_prefixes((0, 5, 2), 5),
                  ref=True, beta=1.0),
        loss_case("every_token_kept", 4, 6, kept=kept_prefixes((6, 6, 6, 6), 6)),
        loss_case("a_narrow_clip", 6, 8, clip_eps=0.1),
        loss_case("a_narrow_clip_in_float64", 6, 8, dtype="float64", clip_eps=0.1),
        loss_case("a_wide_clip", 6, 8, clip_eps=0.3),
        loss_case("kl_with_the_default_clip", 6, 8, ref=True, beta=0.04),
        loss_case("kl_and_a_narrow_clip", 5, 7, ref=True, beta=0.04, clip_eps=0.1),
        loss_case("kl_and_a_wide_clip_in_float64", 5, 7, dtype="float64", ref=True, beta=0.04, clip_eps=0.3),
        loss_case("strong_kl_with_the_default_clip", 6, 8, ref=True, beta=1.0),
        loss_case("strong_kl_with_the_default_clip_in_float64", 4, 9, dtype="float64", ref=True, beta=1.0),
        loss_case("strong_kl_and_a_narrow_clip", 5, 7, ref=True, beta=1.0, clip_eps=0.1),
        loss_case("strong_kl_and_a_wide_clip", 5, 7, ref=True, beta=1.0, clip_eps=0.3),
        # ref_logps given, beta 0: no KL term, whatever ref_logps holds.
        loss_case("a_reference_given_with_beta_zero", 5, 7, ref=True, beta=0.0),
        loss_case("a_reference_given_with_beta_zero_and_a_wide_clip_in_float64", 5, 7, dtype="float64", ref=True,
                  beta=0.0, clip_eps=0.3),
        # Ratios from e^-3 to e^3: most tokens are clipped, on both sides.
        loss_case("ratios_far_outside_the_clip", 6, 8, spread=1.0),
        loss_case("ratios_far_outside_the_clip_with_kl_in_float64", 6, 8, spread=1.0, dtype="float64",
                  ref=True, beta=0.04, clip_eps=0.1),
        loss_case("one_token", 1, 1, kept=kept_prefixes((1,), 1)),
        loss_case("one_token_with_kl_in_float64", 1, 1, kept=kept_prefixes((1,), 1), dtype="float64",
                  ref=True, beta=1.0),
        loss_case("one_completion", 1, 9),
        loss_case("one_token_per_completion", 6, 1, kept=kept_prefixes((1, 1, 1, 1, 1, 1), 1), ref=True, beta=0.04),
        loss_case("a_large_batch", 32, 48, ref=True, beta=0.04),
    ]


def _per_token(logps, old_logps, advantages, ref_logps=None, clip_eps=0.2, beta=0.0):
    """The float64 per-token losses, written with the sign of A (the clip binds on one side only)."""
    ratio = torch.exp(logps - old_logps.detach())
    a = advantages.detach()[:, None]
    # A > 0: the ratio is capped at 1 + clip_eps; A < 0: floored at 1 - clip_eps.
    surrogate = torch.where(a > 0, torch.minimum(ratio, torch.full_like(ratio, 1 + clip_eps)),
                            torch.maximum(ratio, torch.full_like(ratio, 1 - clip_eps))) * a
    loss = -surrogate
    if beta != 0.0:
        d = ref_logps.detach() - logps
        loss = loss + beta * (torch.expm1(d) - d)
    return loss


def loss_reference(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
    return _per_token(logps, old_logps, advantages, ref_logps, clip_eps, beta)[mask].mean()


def loss_conditioning(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0) -> float:
    """max(1, Σ|ℓ_t| / |Σ ℓ_t|) over the kept tokens: the terms' own rounding, not the mean's."""
    with torch.no_grad():
        kept = _per_token(logps, old_logps, advantages, ref_logps, clip_eps, beta)[mask]
        total = float(kept.sum().abs())
        size = float(kept.abs().sum())
    return 1.0 if size == 0.0 else max(1.0, size / max(total, size * 1e-6))


# The classic bugs (tests/candidates/grpo_loss/torch/wrong_*.py), each the reference with that slip
# (the loss's in autograd), named by a cause id of katas/grpo_loss/hints.toml [causes].
def _advantages_bug(bug: str):
    def advantages(rewards, group_size, eps=1e-4):
        if bug == "batch-statistics":
            std = rewards.std() if rewards.numel() > 1 else torch.zeros_like(rewards[0])
            return (rewards - rewards.mean()) / (std + eps)
        grouped = rewards.reshape(group_size, -1).T if bug == "groups-interleaved" else rewards.reshape(-1, group_size)
        mean = grouped.mean(dim=1, keepdim=True)
        variance = grouped.var(dim=1, keepdim=True, unbiased=bug != "biased-std")
        if bug == "eps-inside-the-square-root":
            scaled = (grouped - mean) / torch.sqrt(torch.where(variance.isnan(), 0.0, variance) + eps)
        elif bug == "eps-ignored":
            scaled = (grouped - mean) / (variance.sqrt() if group_size > 1 else torch.ones_like(mean))
        elif bug in ("lone-completion-std-nan", "biased-std"):
            scaled = (grouped - mean) / (variance.sqrt() + eps)
        else:
            scaled = (grouped - mean) / ((variance.sqrt() if group_size > 1 else torch.zeros_like(mean)) + eps)
        return (scaled.T if bug == "groups-interleaved" else scaled).reshape(-1)
    return advantages


def _loss_bug(bug: str):
    def loss(logps, old_logps, advantages, mask, ref_logps=None, clip_eps=0.2, beta=0.0):
        ratio = torch.exp(logps - (logps.detach() if bug == "old-logps-ignored" else old_logps))
        a = advantages[:, None]
        low = None if bug == "clip-only-above" else 1 - clip_eps
        pick = torch.maximum if bug == "max-instead-of-min" else torch.minimum
        per_token = -pick(ratio * a, torch.clamp(ratio, low, 1 + clip_eps) * a)
        kl = torch.zeros_like(per_token)
        if beta != 0.0:
            d = ref_logps - logps
            kl = {"kl-k1": -d, "kl-reversed": torch.exp(-d) + d - 1}.get(bug, torch.exp(d) - d - 1) * beta
        if bug == "kl-over-every-token":
            return (per_token * mask).sum() / mask.sum() + kl.mean()
        per_token = per_token + kl
        if bug == "mean-over-every-token":
            return (per_token * mask).mean()
        if bug == "mean-per-completion":
            return ((per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1)).mean()
        return (per_token * mask).sum() / mask.sum()
    return loss


ADVANTAGE_DIAGNOSES = tuple(Diagnosis(bug, _advantages_bug(bug)) for bug in (
    "batch-statistics", "groups-interleaved", "biased-std", "eps-inside-the-square-root", "eps-ignored",
    "lone-completion-std-nan"))
LOSS_DIAGNOSES = tuple(Diagnosis(bug, _loss_bug(bug)) for bug in (
    "old-logps-ignored", "clip-only-above", "max-instead-of-min", "kl-k1", "kl-reversed", "kl-over-every-token",
    "mean-over-every-token", "mean-per-completion"))
