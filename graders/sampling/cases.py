"""sampling cases and oracles (torch track).

filter_logits is graded exactly: its oracle runs Hugging Face's temperature, top-k and top-p
warpers, in that order, at the dtype the candidate was given (the float64 copies are cast back
first), so the kept scores and the -inf positions must be the very ones those warpers produce.
Temperatures are powers of two there: x / t is then exact, whether it is written x / t or
x * (1 / t) (torch itself divides by a scalar through its reciprocal). Rows with ties keep them
wholly on one side of the top-p boundary: which of two tied entries a sort puts first is not a
semantic, and the contract says nothing of it.

The exact top-p boundary: exp(-ln 2) rounds to exactly 1/2 in float32 and float64, so the rows
of DYADIC have probabilities 1/2, 1/4, 1/8 ... computed without rounding, and a cumulative
probability lands exactly on 1 - top_p: `<=` removes it, `<` (or a descending cumulative held to
`> top_p`) keeps it.

sample is graded by distribution: each case repeats a few rows of logits thousands of times, and
the tokens drawn for each distinct row are counted and held to softmax(filter_logits(...)) in
float64 (expect_frequencies, false-fail rate 1e-6 per check).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal, torch_generator

LN2 = math.log(2)
# After top_k=3 (ties kept): [1/2, 1/4, 1/4] and [1/2, 1/4, 1/8, 1/8], exactly.
DYADIC = ((0.0, -LN2, -LN2, -3.0, -4.0), (0.0, -LN2, -2 * LN2, -2 * LN2, -9.0))
# Ties at the top-k boundary: top_k=2 keeps 3.0 and every 1.5; top_k=3 the same rows.
TIES = ((3.0, 1.5, -1.0, 1.5, 0.25, 1.5), (0.5, 2.0, 2.0, -0.5, 2.0, 1.0), (1.0, 1.0, 1.0, 1.0, 1.0, 4.0))
DRAWS = 4000  # draws of each distinct row in a sample case


@dataclass(frozen=True)
class repeated(Recipe):
    """The rows of `rows` (a recipe of shape (G, V)), each repeated `times` times in a row."""

    rows: Recipe
    times: int
    dtype: str = "float32"

    def draw(self, rng):
        return np.repeat(self.rows.draw(rng), self.times, axis=0)

    def code(self):
        return f"np.repeat({self.rows.code()}, {self.times}, axis=0)"

    def describe(self):
        return _("{rows}, each row repeated {times} times").format(rows=self.rows.describe(), times=self.times)


def vanishing(dtype: str) -> given:
    """Scores whose softmax underflows to exactly 0 in `dtype` (exp(-150) in float32, exp(-800)
    in float64): top-p at 1.0 must be skipped, not run, or they become -inf."""
    low = -150.0 if dtype == "float32" else -800.0
    return given(((0.0, 1.0, low, 2.0, low - 50, 0.5), (low, -1.0, 0.0, low, 3.0, 1.0)), dtype=dtype)


def filter_cases() -> list[Case]:
    return [
        Case("every_option_off_changes_nothing", logits=normal((4, 10))),
        Case("temperature_of_a_half_alone", logits=normal((4, 10)), temperature=0.5),
        Case("temperature_of_two_alone_in_float64", logits=normal((3, 7), dtype="float64"), temperature=2.0),
        Case("top_k_of_three_alone", logits=normal((5, 9)), top_k=3),
        # B == V: a top-k along the wrong dimension keeps the right shape.
        Case("top_k_of_one_keeps_the_largest_on_a_square_batch", logits=normal((6, 6)), temperature=2.0, top_k=1),
        Case("top_k_equal_to_the_vocabulary_keeps_everything", logits=normal((4, 8), scale=2.0), top_k=8, top_p=0.5),
        Case("top_k_larger_than_the_vocabulary_means_the_vocabulary",
             logits=normal((4, 8), scale=2.0, dtype="float64"), temperature=2.0, top_k=13, top_p=0.9),
        Case("ties_at_the_top_k_boundary_are_kept", logits=given(TIES), temperature=0.5, top_k=2),
        Case("ties_at_the_top_k_boundary_are_kept_in_float64", logits=given(TIES, dtype="float64"), top_k=3),
        Case("top_p_of_0_9_alone", logits=normal((8, 12), scale=2.0), top_p=0.9),
        Case("top_p_of_0_9_after_temperature_of_a_half", logits=normal((8, 12)), temperature=0.5, top_p=0.9),
        Case("top_p_of_a_half_after_temperature_of_two_in_float64",
             logits=normal((8, 12), scale=3.0, dtype="float64"), temperature=2.0, top_p=0.5),
        # Top-p on the renormalised top-k keeps fewer tokens than top-p on the whole row.
        Case("top_p_runs_on_what_top_k_left", logits=normal((12, 20)), top_k=4, top_p=0.7),
        Case("top_p_runs_on_what_top_k_left_in_float64", logits=normal((12, 20), dtype="float64"), top_k=5, top_p=0.6),
        Case("top_k_of_one_then_top_p", logits=normal((5, 7)), top_k=1, top_p=0.5),
        # Every cumulative probability is <= 1: only the guard keeps a row's largest entry.
        Case("top_p_of_zero_keeps_only_the_largest", logits=normal((32, 8)), temperature=0.5, top_p=0.0),
        Case("top_p_of_zero_keeps_only_the_largest_in_float64", logits=normal((32, 8), dtype="float64"), top_p=0.0),
        Case("top_p_of_one_keeps_tokens_of_vanishing_probability", logits=vanishing("float32")),
        Case("top_p_of_one_keeps_tokens_of_vanishing_probability_in_float64",
             logits=vanishing("float64"), temperature=0.5, top_k=5),
        Case("cumulative_probability_exactly_on_the_boundary_is_removed", logits=given(DYADIC), top_k=3, top_p=0.5),
        Case("cumulative_probability_exactly_on_the_boundary_is_removed_in_float64",
             logits=given(DYADIC, dtype="float64"), top_k=3, top_p=0.5),
        # Only the second row: at top_p=0.75 the first row's two quarters would straddle the boundary.
        Case("cumulative_probability_of_a_quarter_on_the_boundary", logits=given(DYADIC[1:]), top_k=3, top_p=0.75),
        Case("one_row", logits=normal((1, 7), scale=2.0), temperature=0.5, top_k=3, top_p=0.9),
        Case("a_vocabulary_of_one_token", logits=normal((3, 1)), temperature=2.0, top_k=1, top_p=0.5),
    ]


def sample_cases() -> list[Case]:
    def case(name, rows, seed, **options):
        return Case(name, logits=repeated(rows, DRAWS, rows.dtype), generator=torch_generator(seed), **options)
    return [
        case("plain_softmax", normal((3, 6)), 1),
        case("temperature_of_a_half_in_float64", normal((3, 6), dtype="float64"), 2, temperature=0.5),
        case("temperature_of_two", normal((3, 6), scale=2.0), 3, temperature=2.0),
        case("top_k_of_three_never_draws_the_rest", normal((3, 8)), 4, top_k=3),
        case("ties_at_the_top_k_boundary_are_drawn_too", given(TIES), 5, top_k=2),
        case("top_p_of_0_8_after_temperature_0_7", normal((3, 8), scale=2.0), 6, temperature=0.7, top_p=0.8),
        case("every_option_together_in_float64", normal((3, 10), scale=2.0, dtype="float64"), 7,
             temperature=1.5, top_k=5, top_p=0.9),
        case("exact_top_p_boundary_draws_only_the_largest", given(DYADIC), 8, top_k=3, top_p=0.5),
        case("a_vocabulary_of_one_token", normal((1, 1)), 9),
    ]


def usage_cases() -> list[Case]:
    """Sample cases called again: twice with one seed, once with another."""
    return [case for case in sample_cases() if case.name in ("plain_softmax", "every_option_together_in_float64")]


def reseeded(case: Case, seed: int) -> Case:
    return Case(case.name, case_seed=case.seed, **{**case.inputs, "generator": torch_generator(seed)})


def hugging_face_filter(case: Case, bug: str = ""):
    """Hugging Face's TemperatureLogitsWarper, TopKLogitsWarper and TopPLogitsWarper (min_tokens_to_keep=1),
    in that order, at the candidate's dtype; with `bug`, the same with that classic bug (BUGS)."""
    dtype = getattr(torch, case.inputs["logits"].dtype)

    def reference(logits, temperature=1.0, top_k=0, top_p=1.0, generator=None):
        scores = logits.to(dtype)
        if temperature != 1.0:
            scores = scores * temperature if bug == "temperature-multiplied" else scores / temperature
        unfiltered = scores
        if top_k != 0:
            k = min(top_k, scores.size(-1))
            if bug == "top-k-ties-dropped":  # exactly k entries, by index
                keep = torch.topk(scores, k).indices
                scores = torch.full_like(scores, -float("inf")).scatter(-1, keep, scores.gather(-1, keep))
            else:
                scores = scores.masked_fill(scores < torch.topk(scores, k)[0][..., -1, None], -float("inf"))
        if top_p != 1.0 or bug == "top-p-run-at-one":
            ranked = unfiltered if bug == "top-p-before-top-k" else scores
            scores = scores.masked_fill(_top_p_removes(ranked, top_p, bug), -float("inf"))
        return scores

    return reference


def _top_p_removes(scores, top_p: float, bug: str):
    if bug == "crossing-token-removed":  # descending: every entry whose own cumulative passes top_p
        descending, order = torch.sort(scores, descending=True)
        remove = descending.softmax(dim=-1).cumsum(dim=-1) > top_p
        remove[..., 0] = False
        return remove.scatter(1, order, remove)
    sorted_logits, sorted_indices = torch.sort(scores, descending=False)
    cumulative_probs = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
    if bug == "boundary-token-kept":
        sorted_indices_to_remove = cumulative_probs < (1 - top_p)
    else:
        sorted_indices_to_remove = cumulative_probs <= (1 - top_p)
    if bug != "largest-entry-removed":
        sorted_indices_to_remove[..., -1:] = 0
    return sorted_indices_to_remove.scatter(1, sorted_indices, sorted_indices_to_remove)


# The classic bugs of filter_logits (tests/candidates/sampling/torch/wrong_*.py), each a cause id of
# katas/sampling/hints.toml [causes]; sample also has its own, argmax for a draw. The first that
# matches names the cause: top-p before top-k comes last, since on the exact boundary (DYADIC) it
# keeps the boundary entry just as `<` does.
BUGS = ("temperature-multiplied", "top-k-ties-dropped", "top-p-run-at-one", "boundary-token-kept",
        "largest-entry-removed", "crossing-token-removed", "top-p-before-top-k")


def filter_diagnoses(case: Case) -> tuple[Diagnosis, ...]:
    return tuple(Diagnosis(bug, hugging_face_filter(case, bug)) for bug in BUGS)


def sampling_distribution(case: Case, bug: str = ""):
    """The probabilities each row's token is drawn with, in float64 (with `bug`: those of that bug)."""
    filtered = hugging_face_filter(case, "" if bug == "argmax-not-sampling" else bug)

    def reference(logits, generator, **options):
        probabilities = filtered(logits, **options).to(torch.float64).softmax(dim=-1)
        if bug == "argmax-not-sampling":  # the most likely token every time
            return torch.nn.functional.one_hot(probabilities.argmax(dim=-1), probabilities.shape[-1]).to(torch.float64)
        return probabilities

    return reference


def sample_diagnoses(case: Case) -> tuple[Diagnosis, ...]:
    return tuple(Diagnosis(bug, sampling_distribution(case, bug)) for bug in ("argmax-not-sampling", *BUGS))
