"""info_nce cases, their float64 oracle and the scales they are compared at.

info_nce(a, b, temperature=0.07): rows normalised as F.normalize does (x / max(||x||, 1e-12)),
logits = a_n @ b_n.T / temperature, loss = (CE(logits, arange N) + CE(logits.T, arange N)) / 2.

What the cases tell apart, one line each (tests/candidates/info_nce/torch/ holds the proofs):
  no normalisation             every case whose rows are not unit vectors and whose loss is not ~0
  one direction only           any case where a != b: the logits are not symmetric
  temperature multiplied       any temperature but 1 (temperature_of_one is the one it passes)
  sum instead of mean          any N > 1 (one_pair is the one it passes)
  norm without keepdim         where N == D, a[i, j] is divided by the norm of row j, silently
  labels from D, not N         passes only where N == D (as_many_pairs_as_dimensions)
  exp without the maximum      temperature 0.01 with aligned embeddings: logits near 100, exp(100)
                               overflows float32 (3.4e38); temperature 0.001 overflows float64
  no eps in the norm           a row of zeros: 0 / 0 = NaN; its gradient, g / 1e-12, pins eps itself
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from interviewkit.grader import (
    CandidateError, Case, Diagnosis, Recipe, _, check_function, expect_close, normal, raised_a, scaled_rows,
)

EPS = 1e-12  # F.normalize's: the smallest norm a row is divided by


@dataclass(frozen=True)
class around_a_shared_base(Recipe):
    """N(0, 1) values drawn from their own generator, seeded `base_seed` (so a and b share them),
    plus N(0, noise²) from the case's: matched pairs whose cosine is near 1."""

    shape: tuple[int, ...]
    base_seed: int
    noise: float
    dtype: str = "float32"

    def draw(self, rng):
        return np.random.default_rng(self.base_seed).standard_normal(self.shape) + rng.standard_normal(self.shape) * self.noise

    def code(self):
        return (f"np.random.default_rng({self.base_seed}).standard_normal({self.shape!r})"
                f" + rng.standard_normal({self.shape!r}) * {self.noise!r}")

    def describe(self):
        return _("{dtype} {shape}, a base shared with the other input + N(0, {noise}²)").format(
            dtype=self.dtype, shape=repr(self.shape), noise=f"{self.noise:g}")


def pairs(name: str, n: int, d: int, dtype: str = "float32", **options) -> Case:
    """N(0, 1) embeddings a and b of shape (n, d): unrelated pairs, unit-free norms (about √d)."""
    return Case(name, a=normal((n, d), dtype=dtype), b=normal((n, d), dtype=dtype), **options)


def nearly_parallel(name: str, spread: float, dtype: str, temperature: float) -> Case:
    """Every row near the all-ones direction: every cosine near 1, every logit near 1/temperature,
    and the loss still of order log N (the cosines differ by about spread²)."""
    shape = (8, 16)
    return Case(name, a=normal(shape, scale=spread, shift=1.0, dtype=dtype),
                b=normal(shape, scale=spread, shift=1.0, dtype=dtype), temperature=temperature)


def cases() -> list[Case]:
    return [
        pairs("random_pairs_at_the_default_temperature", 8, 16),
        pairs("temperature_one_half", 8, 16, temperature=0.5),
        pairs("temperature_of_one", 6, 12, temperature=1.0),
        # N == D: a norm taken without keepdim, shape (N,), still broadcasts against (N, D).
        pairs("as_many_pairs_as_dimensions", 8, 8, temperature=0.1),
        pairs("more_dimensions_than_pairs", 5, 32),
        pairs("more_pairs_than_dimensions", 12, 3, temperature=0.2),
        # One pair: the positive is the only candidate, the loss is exactly 0 and so are its gradients.
        pairs("one_pair", 1, 8),
        pairs("two_pairs", 2, 4, temperature=0.3),
        # One dimension: every normalised row is ±1, and its gradient is 0.
        pairs("one_dimensional_embeddings", 5, 1, temperature=0.5),
        pairs("a_batch_of_64", 64, 32),
        Case("embeddings_of_very_different_norms",
             a=scaled_rows((6, 8), (1e-3, 0.1, 1.0, 10.0, 1e3, 1e5)),
             b=scaled_rows((6, 8), (1e4, 1e2, 1.0, 1e-2, 1.0, 1e-4)), temperature=0.2),
        # A row of zeros stays zeros (0 / 1e-12), and its gradient is the upstream's / 1e-12.
        Case("a_zero_embedding_in_each_input",
             a=scaled_rows((6, 8), (1.0, 1.0, 0.0, 1.0, 1.0, 1.0)),
             b=scaled_rows((6, 8), (1.0, 1.0, 1.0, 1.0, 0.0, 1.0)), temperature=0.5),
        # Logits near 100: exp(100) overflows float32, a log-sum-exp must subtract the maximum.
        nearly_parallel("nearly_parallel_embeddings_at_temperature_0_01", 0.2, "float32", 0.01),
        # Each a[i] close to its b[i]: the positives near 100, the loss near 0.
        Case("matched_pairs_at_temperature_0_01", a=around_a_shared_base((8, 16), 15, 0.1),
             b=around_a_shared_base((8, 16), 15, 0.1), temperature=0.01),
        pairs("random_pairs_in_float64", 8, 16, dtype="float64"),
        pairs("as_many_pairs_as_dimensions_in_float64", 6, 6, dtype="float64", temperature=0.5),
        # Logits near 1000: exp(1000) overflows float64 too.
        nearly_parallel("nearly_parallel_embeddings_in_float64_at_temperature_0_001", 0.05, "float64", 0.001),
    ]


def reference(a, b, temperature=0.07):
    """The float64 oracle: the library's normalisation and cross-entropy."""
    logits = F.normalize(a, dim=1, eps=EPS) @ F.normalize(b, dim=1, eps=EPS).T / temperature
    targets = torch.arange(a.shape[0])
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2


def logit_spread(a, b, temperature=0.07) -> float:
    """max(1, 0.5·max|logits|): a float32 loss is a difference of logits, off by an ulp or two of
    them however small it is, and the softmax behind its gradient is off by as much relative."""
    with torch.no_grad():
        logits = F.normalize(a, dim=1, eps=EPS) @ F.normalize(b, dim=1, eps=EPS).T / temperature
    return max(1.0, 0.5 * float(logits.abs().max()))


def loss_comparison(a, b, temperature=0.07):
    """Compares the loss at a magnitude of at least the logits' spread (check_function's `compare`)."""
    spread = logit_spread(a, b, temperature)

    def compare(actual, expected, like, condition):
        expect_close(actual, expected.detach(), like, "output", condition=condition,
                     magnitude=max(spread, float(expected.detach().abs())))

    return compare


def gradient_scale(a, b, temperature=0.07):
    """The scale of a's gradient: |g| / (N·temperature) through the logits (each softmax row sums to
    1), divided by the norm of a's row by the normalisation; the smallest norm (eps included) bounds
    it. Times the logits' spread, for the rounding of exp at large logits. b likewise."""
    n, spread = a.shape[0], logit_spread(a, b, temperature)

    def smallest_norm(x) -> float:
        return max(float(x.norm(dim=1).min()), EPS)

    unit = spread / (n * temperature)
    scales = {"a": unit / smallest_norm(a), "b": unit / smallest_norm(b)}

    def magnitude(upstream) -> dict:
        size = float(upstream.abs().max())
        return {name: size * scale for name, scale in scales.items()}

    return magnitude


# The classic bugs (tests/candidates/info_nce/torch/wrong_*.py), each the reference with that slip,
# in autograd, named by a cause id of katas/info_nce/hints.toml [causes]. Two raise where N != D: the
# grade names them when their variant raises an exception of the same name (check_info_nce).
def _bug(bug: str):
    def loss(a, b, temperature=0.07):
        if bug == "norm-without-keepdim":
            a, b = a / a.norm(dim=1).clamp_min(EPS), b / b.norm(dim=1).clamp_min(EPS)
        elif bug == "norm-detached":
            a = a / a.norm(dim=1, keepdim=True).clamp_min(EPS).detach()
            b = b / b.norm(dim=1, keepdim=True).clamp_min(EPS).detach()
        elif bug == "no-eps-in-the-norm":
            a, b = a / a.norm(dim=1, keepdim=True), b / b.norm(dim=1, keepdim=True)
        elif bug != "no-normalisation":
            dim = 0 if bug == "columns-normalised" else 1
            a, b = F.normalize(a, dim=dim, eps=EPS), F.normalize(b, dim=dim, eps=EPS)
        logits = a @ b.T * temperature if bug == "temperature-multiplied" else a @ b.T / temperature
        pairs = torch.arange(a.shape[1] if bug == "labels-from-the-embedding-size" else a.shape[0])
        a_to_b = torch.logsumexp(logits, dim=1) - logits[pairs, pairs]
        b_to_a = torch.logsumexp(logits, dim=0) - logits[pairs, pairs]
        if bug == "one-direction":  # also the rows' direction twice, averaged: the same number
            return a_to_b.mean()
        if bug == "sum-over-pairs":
            return (a_to_b.sum() + b_to_a.sum()) / 2
        return a_to_b.mean() + b_to_a.mean() if bug == "directions-added" else (a_to_b.mean() + b_to_a.mean()) / 2
    return loss


DIAGNOSES = tuple(Diagnosis(bug, _bug(bug)) for bug in (
    "one-direction", "sum-over-pairs", "directions-added", "columns-normalised",
    "no-normalisation", "temperature-multiplied", "norm-detached", "no-eps-in-the-norm"))
RAISING = tuple(Diagnosis(bug, _bug(bug)) for bug in ("labels-from-the-embedding-size", "norm-without-keepdim"))


def check_info_nce(grading, case: Case) -> None:
    """check_function with the classic bugs; a candidate that raises is named by the first raising bug
    whose variant raises an exception of the same name on these inputs."""
    inputs = case.reference_inputs(grading.seed_offset)
    try:
        check_function(grading, "info_nce", case, reference, compare=loss_comparison(**inputs),
                       gradient_magnitude=gradient_scale(**inputs), diagnoses=DIAGNOSES)
    except CandidateError as error:
        for diagnosis in RAISING:
            try:
                diagnosis.oracle(**case.reference_inputs(grading.seed_offset))
            except Exception as raised:  # noqa: BLE001 - the bug's own exception, whatever it is
                if raised_a(error, type(raised).__name__):
                    error.cause = diagnosis.cause
                    break
        raise
