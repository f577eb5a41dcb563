"""losses cases, shared by both tracks (the same names and arguments in numpy and torch).

Each loss gets the three reductions crossed pairwise with float32/float64, shapes 1-D, 2-D and
3-D, a square (N == D) input where "mean over the batch" and "mean over every element" differ by
a factor D, and a single element. Then each loss's own trap:
  smooth_l1/huber  beta/delta of 0.5 and 2 (beta applied as huber's delta is off by a factor beta),
                   and |input - target| exactly equal to beta/delta (both branches meet there)
  binary_cross_entropy  inputs of exactly 0 and 1: PyTorch clamps each log at -100 (loss only)
  bce_with_logits  logits of ±1e4 with hard labels (log(sigmoid(x)) gives -inf there), and ±21
                   (F.softplus's default threshold=20 is off by e^-21 there, in float64)
  kl_div           log-probabilities against probabilities, "batchmean" against "mean", and
                   targets with exact zeros (loss only: 0·log 0 is 0, its gradient NaN)
The known-wrong solutions live in tests/candidates/losses/<track>/, each naming what it fails.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal, uniform


@dataclass(frozen=True)
class log_probabilities(Recipe):
    """log_softmax of N(0, scale²) values along the last axis: each row a log-distribution."""

    shape: tuple[int, ...]
    scale: float = 1.0
    dtype: str = "float32"

    def draw(self, rng):
        z = rng.standard_normal(self.shape) * self.scale
        return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))

    def lines(self, name):
        return [f"z = rng.standard_normal({self.shape!r}) * {self.scale!r}",
                f"{name} = (z - np.log(np.exp(z).sum(axis=-1, keepdims=True))).astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} {shape} log-probabilities along the last axis").format(dtype=self.dtype, shape=self.shape)


@dataclass(frozen=True)
class probabilities(Recipe):
    """softmax of N(0, 1) values along the last axis; a share `zeros` of the entries exactly 0."""

    shape: tuple[int, ...]
    zeros: float = 0.0
    dtype: str = "float32"

    def draw(self, rng):
        z = np.exp(rng.standard_normal(self.shape))
        z[rng.random(self.shape) < self.zeros] = 0.0
        z[..., 0] += z.sum(axis=-1) == 0  # no row of zeros only
        return z / z.sum(axis=-1, keepdims=True)

    def lines(self, name):
        return [f"z = np.exp(rng.standard_normal({self.shape!r}))",
                f"z[rng.random({self.shape!r}) < {self.zeros!r}] = 0.0",
                "z[..., 0] += z.sum(axis=-1) == 0",
                f"{name} = (z / z.sum(axis=-1, keepdims=True)).astype(np.{self.dtype})"]

    def describe(self):
        if self.zeros:
            return _("{dtype} {shape} probabilities along the last axis, {share} of them exactly 0").format(
                dtype=self.dtype, shape=self.shape, share=f"{self.zeros:.0%}")
        return _("{dtype} {shape} probabilities along the last axis").format(dtype=self.dtype, shape=self.shape)


# (name, shape, reduction, dtype): every reduction with both dtypes, over several shapes.
LAYOUTS = [
    ("mean_of_rows", (4, 6), "mean", "float32"),
    ("mean_of_tokens_in_float64", (2, 3, 5), "mean", "float64"),
    ("mean_of_a_square_matrix", (5, 5), "mean", "float32"),
    ("sum_of_a_vector", (7,), "sum", "float32"),
    ("sum_of_tokens_in_float64", (2, 3, 5), "sum", "float64"),
    ("none_of_tokens", (2, 3, 5), "none", "float32"),
    ("none_of_a_square_matrix_in_float64", (5, 5), "none", "float64"),
    ("mean_of_a_single_element", (1,), "mean", "float64"),
]


def _pairs(draw_input, draw_target, **options) -> list[Case]:
    cases = [Case(name, input=draw_input(shape, dtype), target=draw_target(shape, dtype), reduction=reduction,
                  **options) for name, shape, reduction, dtype in LAYOUTS]
    cases.append(Case("default_reduction_is_the_mean", input=draw_input((3, 4), "float32"),
                      target=draw_target((3, 4), "float32"), **options))
    return cases


def _normal(shape, dtype):
    return normal(shape, dtype=dtype)


def _wide(shape, dtype):  # |input - target| ~ 2.5: both branches of smooth_l1 and huber
    return normal(shape, scale=1.8, dtype=dtype)


def _probability(shape, dtype):
    return uniform(shape, 0.02, 0.98, dtype=dtype)


def _target(shape, dtype):
    return uniform(shape, 0.0, 1.0, dtype=dtype)


def _logits(shape, dtype):
    return normal(shape, scale=3.0, dtype=dtype)


# |input - target| exactly 0.5, 1 and 2 in both dtypes, with both signs, and off the boundary.
BOUNDARY_INPUT = (1.5, -0.5, 3.0, -1.0, 0.25, 4.0)
BOUNDARY_TARGET = (1.0, 0.0, 1.0, 1.0, 0.0, -1.0)


def _smooth(option: str) -> list[Case]:
    cases = _pairs(_wide, _wide)
    for value in (0.5, 2.0):
        for reduction, dtype in (("mean", "float32"), ("none", "float64"), ("sum", "float32")):
            cases.append(Case(f"{option}_{value:g}_{reduction}_in_{dtype}".replace(".", "_"),
                              input=_wide((4, 6), dtype), target=_wide((4, 6), dtype), reduction=reduction,
                              **{option: value}))
    for value in (0.5, 1.0, 2.0):
        for dtype in ("float32", "float64"):
            cases.append(Case(f"difference_equal_to_{option}_{value:g}_in_{dtype}".replace(".", "_"),
                              input=given(BOUNDARY_INPUT, dtype), target=given(BOUNDARY_TARGET, dtype),
                              reduction="none", **{option: value}))
    return cases


def mse_cases() -> list[Case]:
    return _pairs(_normal, _normal)


def l1_cases() -> list[Case]:
    return _pairs(_normal, _normal)


def smooth_l1_cases() -> list[Case]:
    return _smooth("beta")


def huber_cases() -> list[Case]:
    return _smooth("delta")


def bce_cases() -> list[Case]:
    return _pairs(_probability, _target) + [
        Case("hard_labels", input=_probability((24,), "float32"), target=given((0, 1) * 12, "float32"),
             reduction="none"),
        Case("confident_probabilities_in_float64", input=uniform((4, 6), 1e-6, 1 - 1e-6, dtype="float64"),
             target=_target((4, 6), "float64"), reduction="sum"),
    ]


# Inputs of exactly 0 and 1 against soft and hard targets: log(0) is -inf, clamped to -100.
EDGE_INPUT = (0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.5, 0.25)
EDGE_TARGET = (0.0, 1.0, 1.0, 0.0, 0.3, 0.7, 1.0, 0.0)


def bce_edge_cases() -> list[Case]:
    return [Case(f"input_exactly_0_and_1_{reduction}_in_{dtype}", input=given(EDGE_INPUT, dtype),
                 target=given(EDGE_TARGET, dtype), reduction=reduction)
            for reduction, dtype in (("none", "float32"), ("sum", "float64"), ("mean", "float32"),
                                     ("none", "float64"))]


# ±21: just past F.softplus's default threshold=20, where it turns into the identity (off by
# e^-21 = 7.6e-10, which float64 sees in the gradient): softplus needs a larger threshold there.
HUGE_LOGITS = (1e4, -1e4, 1e4, -1e4, 100.0, -100.0, 30.0, -30.0, 21.0, -21.0)
HUGE_LABELS = (1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0)


def bce_with_logits_cases() -> list[Case]:
    return _pairs(_logits, _target) + [
        Case(f"logits_up_to_1e4_{reduction}_in_{dtype}", input=given(HUGE_LOGITS, dtype),
             target=given(HUGE_LABELS, dtype), reduction=reduction)
        for reduction, dtype in (("none", "float32"), ("sum", "float64"), ("mean", "float32"))
    ] + [Case("large_logits_with_soft_labels_in_float64", input=normal((4, 6), scale=300.0, dtype="float64"),
              target=_target((4, 6), "float64"), reduction="none")]


KL_LAYOUTS = [
    ("batchmean_of_rows", (4, 6), "batchmean", "float32"),
    ("batchmean_of_tokens_in_float64", (2, 3, 5), "batchmean", "float64"),
    ("batchmean_of_a_square_matrix", (5, 5), "batchmean", "float32"),
    ("batchmean_of_a_vector_in_float64", (7,), "batchmean", "float64"),
    ("mean_of_rows_in_float64", (4, 6), "mean", "float64"),
    ("mean_of_a_square_matrix", (5, 5), "mean", "float32"),
    ("sum_of_rows", (4, 6), "sum", "float32"),
    ("sum_of_a_square_matrix_in_float64", (5, 5), "sum", "float64"),
    ("none_of_tokens", (2, 3, 5), "none", "float32"),
    ("none_of_rows_in_float64", (4, 6), "none", "float64"),
    ("mean_of_a_single_element", (1,), "mean", "float64"),
]


def kl_cases() -> list[Case]:
    cases = [Case(name, input=log_probabilities(shape, dtype=dtype), target=probabilities(shape, dtype=dtype),
                  reduction=reduction) for name, shape, reduction, dtype in KL_LAYOUTS]
    return cases + [Case("default_reduction_is_the_mean_of_every_element", input=log_probabilities((3, 4)),
                         target=probabilities((3, 4)))]


def kl_zero_target_cases() -> list[Case]:
    return [Case(f"targets_with_zeros_{reduction}_in_{dtype}", input=log_probabilities((4, 6), dtype=dtype),
                 target=probabilities((4, 6), zeros=0.4, dtype=dtype), reduction=reduction)
            for reduction, dtype in (("none", "float32"), ("batchmean", "float64"), ("sum", "float32"),
                                     ("mean", "float64"))]


# --- diagnoses: the classic bugs a failing output is recognised as (katas/losses/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _reduced(losses, reduction):
    return losses if reduction == "none" else losses.sum() if reduction == "sum" else losses.mean()


def _over_the_batch(loss):
    """`loss` whose "mean" divides the sum by input.shape[0], the batch, not by every element."""
    def variant(input, target, reduction="mean", **options):
        if reduction != "mean":
            return loss(input, target, reduction=reduction, **options)
        return loss(input, target, reduction="sum", **options) / input.shape[0]
    return variant


def _huber_without_the_half(input, target, reduction="mean", delta=1.0):
    d = (input - target).abs()
    return _reduced(torch.where(d <= delta, d * d, delta * (d - 0.5 * delta)), reduction)


def _through_the_sigmoid(input, target, reduction="mean"):
    """log(sigmoid(x)) computed in float32, the dtype of the cases that catch it first: near 1,
    log(1 - p) is all rounding (and -inf where p rounds to 1)."""
    input, target = input.float(), target.float()
    p = torch.sigmoid(input)
    return _reduced(-(target * torch.log(p) + (1 - target) * torch.log(1 - p)), reduction).double()


def _default_softplus(input, target, reduction="mean"):
    return _reduced((1 - target) * input + F.softplus(-input), reduction)


def _kl_elements(input, target, reverse=False):
    return torch.exp(input) * (input - torch.log(target)) if reverse else torch.xlogy(target, target) - target * input


def _kl(reverse=False, batchmean_as_mean=False):
    def variant(input, target, reduction="mean"):
        losses = _kl_elements(input, target, reverse)
        if reduction == "batchmean" and not batchmean_as_mean:
            return losses.sum() / input.shape[0]
        return _reduced(losses, "mean" if reduction == "batchmean" else reduction)
    return variant


def diagnoses(symbol, reference) -> tuple[Diagnosis, ...]:
    """The classic bugs of the loss `symbol`, whose reference is `reference`."""
    over_the_batch = Diagnosis("mean-over-the-batch", _over_the_batch(reference))
    own = {
        "huber_loss": (Diagnosis("huber-without-the-half", _huber_without_the_half),),
        "smooth_l1_loss": (Diagnosis("beta-applied-as-delta", lambda input, target, reduction="mean", beta=1.0:
                                     F.huber_loss(input, target, reduction=reduction, delta=beta)),),
        "binary_cross_entropy_with_logits": (Diagnosis("log-of-the-sigmoid", _through_the_sigmoid),
                                             Diagnosis("softplus-default-threshold", _default_softplus)),
        "kl_div": (Diagnosis("reverse-kl", _kl(reverse=True)),
                   Diagnosis("batchmean-as-mean", _kl(batchmean_as_mean=True))),
    }
    return own.get(symbol, ()) + (over_the_batch,)
