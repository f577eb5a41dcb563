"""logistic_regression cases and their float64 oracles (the numpy track).

fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0) -> (w, b): the oracle is the same loop
of full-batch gradient steps in float64, with torch.sigmoid. Each case is chosen for the slip it
exposes: the 1/N of the mean (any N > 1), l2 applied to the bias (labels far from balanced, so that
b is large), w updated before b's gradient is taken (one epoch from zero: b's gradient must be
mean(0.5 - y)), N == D against N != D (X.T against X), separable data (w grows for ever), float32 X
(w is float64 by contract whatever X's dtype).

predict_proba(X, w, b): logits of moderate size to 1e-12, and logits of ±40, ±1000 and ±1e300, where
the naive 1 / (1 + exp(-z)), or a np.where whose two branches are both evaluated, overflows: the
values may still be right, so the grader also fails a floating-point warning printed in the call.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal

# Probabilities are held to this absolute error (the contract's), with no relative slack.
PROBABILITY_ATOL = 1e-12


@dataclass(frozen=True)
class labels(Recipe):
    """n labels in {0, 1}, each 1 with probability `p`."""

    n: int
    p: float = 0.5
    dtype: str = "int64"

    def draw(self, rng):
        return (rng.random(self.n) < self.p).astype(np.int64)

    def code(self):
        return f"(rng.random({self.n}) < {self.p!r})"

    def describe(self):
        return f"{self.dtype} ({self.n},) in {{0, 1}}, P(1) = {self.p:g}"


@dataclass(frozen=True)
class two_blobs(Recipe):
    """n points ~N(+shift, spread²) in every coordinate, then n ~N(-shift, spread²): linearly separable
    when spread << shift, the first n labelled 1 (see `blob_labels`)."""

    n: int
    d: int
    shift: float = 2.0
    spread: float = 0.3
    dtype: str = "float64"

    def draw(self, rng):
        signs = np.repeat([1.0, -1.0], self.n)[:, None]
        return signs * self.shift + rng.standard_normal((2 * self.n, self.d)) * self.spread

    def code(self):
        return (f"np.repeat([1.0, -1.0], {self.n})[:, None] * {self.shift!r}"
                f" + rng.standard_normal({(2 * self.n, self.d)!r}) * {self.spread!r}")

    def describe(self):
        return _("{dtype} ({n}, {d}): two blobs at ±{shift}, spread {spread}").format(
            dtype=self.dtype, n=2 * self.n, d=self.d, shift=f"{self.shift:g}", spread=f"{self.spread:g}")


def blob_labels(n: int, dtype: str = "int64") -> given:
    return given((1,) * n + (0,) * n, dtype=dtype)


def fit_cases() -> list[Case]:
    return [
        Case("default_hyper_parameters", X=normal((32, 3), dtype="float64"), y=labels(32)),
        Case("a_larger_step_over_the_default_epochs", X=normal((24, 3), dtype="float64"), y=labels(24, 0.7), lr=0.5),
        Case("float32_rows_give_float64_weights", X=normal((24, 4)), y=labels(24, 0.6)),
        # N == D: X.T @ r and X @ r have the same shape, only the numbers tell them apart.
        Case("as_many_samples_as_features", X=normal((5, 5), dtype="float64"), y=labels(5, 0.6)),
        Case("fewer_samples_than_features", X=normal((4, 7), dtype="float64"), y=labels(4, 0.5)),
        Case("one_feature", X=normal((20, 1), dtype="float64"), y=labels(20, 0.7)),
        Case("one_sample", X=normal((1, 3), dtype="float64"), y=given((1,), dtype="int64"), epochs=10),
        Case("labels_given_as_floats", X=normal((16, 3), dtype="float64"), y=labels(16, 0.4, dtype="float64")),
        # The starting point, and one step from it: b's gradient is mean(0.5 - y), not taken at the new w.
        Case("zero_epochs_return_the_start", X=normal((10, 3), dtype="float64"), y=labels(10, 0.8), epochs=0),
        Case("zero_epochs_in_float32", X=normal((10, 3)), y=labels(10, 0.3), epochs=0),
        Case("one_epoch", X=normal((12, 3), scale=2.0, dtype="float64"), y=labels(12, 0.8), epochs=1),
        Case("one_epoch_in_float32", X=normal((12, 4), scale=2.0), y=labels(12, 0.8), epochs=1, lr=0.5),
        Case("two_epochs_with_a_large_step", X=normal((12, 3), dtype="float64"), y=labels(12, 0.7), epochs=2,
             lr=1.0),
        # Labels nearly all 1: b is large, so decaying it too (l2 on the bias) shows.
        Case("l2_does_not_decay_the_bias", X=normal((40, 3), dtype="float64"), y=labels(40, 0.9), l2=0.5),
        Case("l2_in_float32", X=normal((30, 4)), y=labels(30, 0.85), l2=0.1, lr=0.3, epochs=50),
        Case("strong_l2_with_a_large_step", X=normal((6, 6), dtype="float64"), y=labels(6, 0.7), l2=2.0, lr=0.4,
             epochs=30),
        Case("l2_for_one_epoch", X=normal((8, 2), dtype="float64"), y=labels(8, 0.9), l2=1.0, epochs=1),
        # Separable: the loss has no minimum, w keeps growing with every epoch.
        Case("separable_data_weights_keep_growing", X=two_blobs(10, 2), y=blob_labels(10), lr=1.0, epochs=300),
        Case("separable_data_in_float32", X=two_blobs(8, 3, dtype="float32"), y=blob_labels(8), lr=0.5,
             epochs=200),
        Case("separable_data_with_l2", X=two_blobs(8, 2), y=blob_labels(8, dtype="float64"), lr=0.5, l2=0.05,
             epochs=200),
    ]


def predict_cases() -> list[Case]:
    # X (N, 1) against w = [1]: the logits are X's column itself (plus b).
    def logits(*values, b=0.0, dtype="float64") -> Case:
        return dict(X=given(tuple((v,) for v in values), dtype=dtype), w=given((1.0,), dtype="float64"), b=b)

    return [
        Case("moderate_logits", X=normal((50, 4), scale=2.0, dtype="float64"), w=normal((4,), dtype="float64"),
             b=0.3),
        Case("float32_rows_with_float64_weights", X=normal((20, 3), scale=2.0), w=normal((3,), dtype="float64"),
             b=-0.7),
        Case("one_row", X=normal((1, 5), dtype="float64"), w=normal((5,), dtype="float64"), b=1.5),
        # N == D: X.T @ w has the shape of X @ w, only the numbers tell them apart.
        Case("as_many_rows_as_features", X=normal((4, 4), scale=2.0, dtype="float64"), w=normal((4,), dtype="float64"),
             b=-0.2),
        Case("zero_logits_are_one_half", X=given(((0.0, 0.0), (0.0, 0.0)), dtype="float64"),
             w=normal((2,), dtype="float64"), b=0.0),
        # exp(40) is finite: the naive formula survives these, a sigmoid clipped at ±20 does not.
        Case("logits_of_plus_and_minus_40", **logits(40.0, -40.0, 39.5, -39.5, 25.0, -25.0)),
        # exp(1000) overflows: 1 / (1 + exp(1000)) is 0 after a RuntimeWarning.
        Case("logits_of_plus_and_minus_1000", **logits(1000.0, -1000.0, 3.0, -3.0)),
        Case("logits_of_plus_and_minus_1000_through_the_bias", **logits(0.5, -0.5, 2.0, b=-1000.0)),
        Case("logits_of_plus_and_minus_1e300", **logits(1e300, -1e300, 1e3, -1e3, 1e-300, 0.0)),
        Case("huge_logits_in_float32_rows", **logits(1e30, -1e30, 200.0, -200.0, dtype="float32")),
    ]


def fit_reference(X, y, lr=0.1, epochs=100, l2=0.0):
    """The same loop in float64: both gradients from the old (w, b), the bias not decayed."""
    n, d = X.shape
    y = y.to(torch.float64)
    w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    for _ in range(epochs):
        residual = torch.sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ residual / n + l2 * w), b - lr * residual.mean()
    return w, b


def predict_reference(X, w, b):
    return torch.sigmoid(X @ w + b)


# --- diagnoses: the classic bugs a wrong fit or probability is recognised as
# (katas/logistic_regression/hints.toml, [causes], explains each; the proofs' `# hint:` lines prove where each leads)

def _sigmoid(z, bug: str):
    if bug == "sigmoid-of-twice-the-logit":  # (1 + tanh(z)) / 2, the tanh identity without halving z
        return torch.sigmoid(2 * z)
    return torch.sigmoid(z.clamp(-20, 20) if bug == "logits-clipped" else z)


def _fit_with(bug: str):
    """fit_reference with one classic bug."""
    def variant(X, y, lr=0.1, epochs=100, l2=0.0):
        n, d = X.shape
        y = y.to(torch.float64)
        mean = 1 if bug == "gradient-without-the-mean" else n
        w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
        for _ in range(epochs):
            residual = _sigmoid(X @ w + b, bug) - y
            w_next = w - lr * (X.T @ residual / mean + l2 * w)
            if bug == "bias-gradient-at-the-updated-weights":
                residual = _sigmoid(X @ w_next + b, bug) - y
            decay = l2 * b if bug == "l2-decays-the-bias" else 0.0
            w, b = w_next, b - lr * (residual.sum() / mean + decay)
        return w, b
    return variant


FIT_DIAGNOSES = tuple(Diagnosis(bug, _fit_with(bug)) for bug in (
    "gradient-without-the-mean", "bias-gradient-at-the-updated-weights", "l2-decays-the-bias",
    "sigmoid-of-twice-the-logit"))
PREDICT_DIAGNOSES = tuple(Diagnosis(bug, lambda X, w, b, bug=bug: _sigmoid(X @ w + b, bug)) for bug in (
    "sigmoid-of-twice-the-logit", "logits-clipped"))
