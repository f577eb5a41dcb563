"""linear_svm cases and their float64 oracles (the numpy track).

fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01) -> (ws, bs), the parameters after every epoch: the
oracle is the same loop of full-batch sub-gradient steps in float64 (step lr / sqrt(t), t from 1).
Each case is chosen for the slip it exposes: a margin of exactly 1 counted as violated (integer X,
N a power of two and lr = 1, so that the margins after the first step are exact and some are exactly
1), the 1/N of the mean (any N > 1), l2 applied to the bias (labels far from balanced, so that b is
large), b's gradient taken at the new w (one epoch from zero, where every margin is 0), the schedule
off by one (two epochs or more), {0, 1} labels used as they are, N == D against N != D (X.T against
X), float32 X (the histories are float64 by contract whatever X's dtype). l2 and lr meet pairwise.
The margin property: on well-separated blobs the final (w, b) put every point on its side, and with
enough epochs the closest points end on the margin, y (x·w + b) ≈ 1.

predict(X, w, b): sign(X @ w + b) as int64, a score of exactly 0 going to +1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal

# The closest training points end this close to y (x·w + b) = 1 (see `margin_cases`).
MARGIN_WINDOW = 0.1


@dataclass(frozen=True)
class labels(Recipe):
    """n labels, each +1 with probability `p`, else `negative` (-1, or 0 for {0, 1} labels)."""

    n: int
    p: float = 0.5
    negative: int = -1
    dtype: str = "int64"

    def draw(self, rng):
        return np.where(rng.random(self.n) < self.p, 1, self.negative)

    def code(self):
        return f"np.where(rng.random({self.n}) < {self.p!r}, 1, {self.negative})"

    def describe(self):
        return f"{self.dtype} ({self.n},) in {{{self.negative}, 1}}, P(1) = {self.p:g}"


@dataclass(frozen=True)
class two_blobs(Recipe):
    """n points ~N(+shift, spread²) in every coordinate, then n ~N(-shift, spread²): linearly separable
    when spread << shift, the first n labelled 1 (see `blob_labels`)."""

    n: int
    d: int
    shift: float = 2.0
    spread: float = 0.5
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


def blob_labels(n: int, negative: int = -1, dtype: str = "int64") -> given:
    return given((1,) * n + (negative,) * n, dtype=dtype)


def fit_cases() -> list[Case]:
    rows = lambda n, d, dtype="float64": normal((n, d), dtype=dtype)  # noqa: E731
    return [
        Case("default_hyper_parameters", X=rows(32, 3), y=labels(32)),
        # The default 100 epochs with lr and l2 set: the schedule's 100th step is lr / 10.
        Case("a_larger_step_and_l2_over_the_default_epochs", X=rows(24, 3), y=labels(24, 0.7), lr=0.5, l2=0.1),
        Case("float32_rows_give_float64_histories", X=rows(24, 4, "float32"), y=labels(24, 0.6), lr=0.5, l2=0.1,
             epochs=40),
        # N == D: X.T @ pull and X @ pull have the same shape, only the numbers tell them apart.
        Case("as_many_samples_as_features", X=rows(5, 5), y=labels(5, 0.6), lr=0.5, epochs=30),
        Case("fewer_samples_than_features", X=rows(4, 7), y=labels(4), lr=0.5, l2=0.1, epochs=30),
        Case("one_feature", X=rows(20, 1), y=labels(20, 0.7), lr=0.5, epochs=50),
        Case("one_sample", X=rows(1, 3), y=given((-1,), dtype="int64"), lr=0.5, l2=0.1, epochs=10),
        Case("labels_given_as_floats", X=rows(16, 3), y=labels(16, 0.4, dtype="float64"), lr=0.5, epochs=30),
        # {0, 1} labels: a 0 is the negative class; used as they are, the 0s pull on nothing.
        Case("labels_in_zero_and_one", X=rows(16, 3), y=labels(16, 0.5, negative=0), lr=0.5, epochs=30),
        Case("labels_in_zero_and_one_as_floats_in_float32", X=rows(12, 2, "float32"),
             y=labels(12, 0.6, negative=0, dtype="float64"), l2=0.1, epochs=20),
        # The starting point, and one step from it: every margin is 0, every sample pulls, and b's
        # gradient is -mean(y), not taken at the new w.
        Case("zero_epochs_return_the_start", X=rows(10, 3), y=labels(10, 0.8), epochs=0),
        Case("zero_epochs_in_float32", X=rows(10, 3, "float32"), y=labels(10, 0.3), epochs=0),
        Case("one_epoch", X=rows(12, 3), y=labels(12, 0.8), lr=2.0, epochs=1),
        Case("one_epoch_in_float32", X=rows(12, 4, "float32"), y=labels(12, 0.25), lr=2.0, l2=0.5, epochs=1),
        # Epochs 2 and 3 take steps lr / sqrt(2) and lr / sqrt(3).
        Case("three_epochs_follow_the_schedule", X=rows(12, 3), y=labels(12, 0.7), lr=1.0, epochs=3),
        # After one step with lr = 1 the margins are exactly [1.5, -1.5, 1, 1]: the last two points
        # sit on the kink, which counts as satisfied (no pull).
        Case("margins_of_exactly_one_are_satisfied",
             X=given(((2.0, -1.0), (1.0, -2.0), (-1.0, 1.0), (0.0, -2.0)), dtype="float64"),
             y=given((1, -1, -1, 1), dtype="int64"), lr=1.0, l2=0.5, epochs=3),
        # N == D = 4, float32, no penalty: after one step the margins are exactly [-0.5, 1, 1.5, 1].
        Case("margins_of_exactly_one_with_as_many_samples_as_features_in_float32",
             X=given(((0.0, 1.0, -1.0, 2.0), (1.0, 2.0, 1.0, 2.0), (0.0, 2.0, 1.0, -2.0), (-1.0, -1.0, 1.0, 0.0)),
                     dtype="float32"),
             y=given((1, -1, 1, 1), dtype="int64"), lr=1.0, l2=0.0, epochs=4),
        # One class only: every row at the origin, b climbs to exactly 1 in one step and stays there.
        Case("one_class_at_the_origin_stops_at_a_margin_of_one", X=given(((0.0, 0.0),) * 4, dtype="float64"),
             y=given((1,) * 4, dtype="int64"), lr=1.0, epochs=5),
        Case("one_class_only", X=rows(12, 3), y=labels(12, 1.0), lr=0.5, l2=0.1, epochs=40),
        Case("one_class_only_given_as_zeros", X=rows(10, 2), y=labels(10, 0.0, negative=0), lr=0.5, epochs=20),
        # Labels nearly all +1: b is large, so decaying it too (l2 on the bias) shows.
        Case("l2_does_not_decay_the_bias", X=rows(40, 3), y=labels(40, 0.9), lr=0.5, l2=0.5, epochs=60),
        # l2 in {0, 0.01, 0.5} against lr in {0.05, 0.5, 2}: every pair.
        Case("no_l2_with_a_small_step", X=rows(20, 3), y=labels(20), l2=0.0, lr=0.05, epochs=30),
        Case("no_l2_with_a_medium_step", X=rows(20, 3), y=labels(20), l2=0.0, lr=0.5, epochs=30),
        Case("no_l2_with_a_large_step", X=rows(20, 3, "float32"), y=labels(20), l2=0.0, lr=2.0, epochs=30),
        Case("weak_l2_with_a_small_step", X=rows(20, 3, "float32"), y=labels(20), l2=0.01, lr=0.05, epochs=30),
        Case("weak_l2_with_a_medium_step", X=rows(20, 3), y=labels(20), l2=0.01, lr=0.5, epochs=30),
        Case("weak_l2_with_a_large_step", X=rows(20, 3), y=labels(20), l2=0.01, lr=2.0, epochs=30),
        Case("strong_l2_with_a_small_step", X=rows(20, 3), y=labels(20), l2=0.5, lr=0.05, epochs=30),
        Case("strong_l2_with_a_medium_step", X=rows(20, 3, "float32"), y=labels(20), l2=0.5, lr=0.5, epochs=30),
        Case("strong_l2_with_a_large_step", X=rows(20, 3), y=labels(20), l2=0.5, lr=2.0, epochs=30),
        # Separable data, followed for 200 epochs.
        Case("separable_data_for_200_epochs", X=two_blobs(10, 2), y=blob_labels(10), lr=0.5, epochs=200),
    ]


def separation_cases() -> list[Case]:
    """Well-separated blobs: the final (w, b) put every training point on its side."""
    return [
        Case("separable_blobs_with_default_hyper_parameters", X=two_blobs(10, 2), y=blob_labels(10)),
        Case("separable_blobs_without_l2", X=two_blobs(12, 3), y=blob_labels(12), lr=0.5, l2=0.0, epochs=100),
        # Each default meets the other options set: the default step without l2 for longer, the default
        # l2 with a larger step for fewer epochs.
        Case("separable_blobs_without_l2_at_the_default_step_for_300_epochs", X=two_blobs(10, 3),
             y=blob_labels(10), l2=0.0, epochs=300),
        Case("separable_blobs_at_the_default_l2_with_a_larger_step_for_50_epochs", X=two_blobs(10, 2),
             y=blob_labels(10, negative=0), lr=0.5, epochs=50),
        Case("as_many_samples_as_features_in_float32_with_labels_in_zero_and_one",
             X=two_blobs(4, 8, shift=1.5, dtype="float32"), y=blob_labels(4, negative=0), lr=0.5, l2=0.1,
             epochs=200),
    ]


def margin_cases() -> list[Case]:
    """Blobs and enough epochs for the closest points to end within MARGIN_WINDOW of the margin."""
    return [
        Case("blobs_in_three_dimensions", X=two_blobs(10, 3, shift=1.5), y=blob_labels(10), lr=0.5, l2=0.1,
             epochs=200),
        Case("blobs_in_three_dimensions_in_float32", X=two_blobs(10, 3, shift=1.5, dtype="float32"),
             y=blob_labels(10, negative=0), lr=0.5, l2=0.1, epochs=200),
    ]


def predict_cases() -> list[Case]:
    return [
        Case("random_scores", X=normal((50, 4), dtype="float64"), w=normal((4,), dtype="float64"), b=0.3),
        Case("float32_rows_with_float64_weights", X=normal((20, 3)), w=normal((3,), dtype="float64"), b=-0.7),
        Case("one_row", X=normal((1, 5), dtype="float64"), w=normal((5,), dtype="float64"), b=1.5),
        Case("as_many_rows_as_features", X=normal((4, 4), dtype="float64"), w=normal((4,), dtype="float64"),
             b=-0.2),
        # Scores of exactly 0 go to +1: rows at the origin with b = 0, and 0.5 * 2 - 1.
        Case("a_score_of_exactly_zero_is_positive",
             X=given(((0.0, 0.0), (1.0, 0.0), (-1.0, 0.0), (0.0, 0.0)), dtype="float64"),
             w=given((2.0, 1.0), dtype="float64"), b=0.0),
        Case("a_score_of_exactly_zero_through_the_bias", X=given(((0.5,), (1.0,), (0.25,)), dtype="float64"),
             w=given((2.0,), dtype="float64"), b=-1.0),
        Case("zero_weights_and_bias_predict_positive", X=normal((6, 3), dtype="float64"),
             w=given((0.0, 0.0, 0.0), dtype="float64"), b=0.0),
    ]


def fit_reference(X, y, lr=0.1, epochs=100, l2=0.01):
    """The same loop in float64: both gradients from the old (w, b), the kink satisfied, the bias not decayed."""
    n, d = X.shape
    y = torch.where(y > 0, 1.0, -1.0).to(torch.float64)
    w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    ws, bs = [w], [b]
    for t in range(1, epochs + 1):
        pull = torch.where(y * (X @ w + b) < 1, y, 0.0)
        step = lr / math.sqrt(t)
        w, b = w - step * (l2 * w - X.T @ pull / n), b + step * pull.mean()
        ws.append(w)
        bs.append(b)
    return torch.stack(ws), torch.stack(bs)


def predict_reference(X, w, b):
    return torch.where(X @ w + b >= 0, 1, -1).to(torch.int64)


# --- diagnoses: the classic bugs a wrong history or prediction is recognised as
# (katas/linear_svm/hints.toml, [causes], explains each; the proofs' `# hint:` lines prove where each leads)

def _fit_with(bug: str):
    """fit_reference with one classic bug."""
    def variant(X, y, lr=0.1, epochs=100, l2=0.01):
        n, d = X.shape
        y = y.to(torch.float64) if bug == "labels-used-as-they-are" else torch.where(y > 0, 1.0, -1.0).to(torch.float64)
        mean = 1 if bug == "gradient-summed-not-averaged" else n
        w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
        ws, bs = [w], [b]
        for t in range(1, epochs + 1):
            margins = y * (X @ w + b)
            pull = torch.where(margins <= 1 if bug == "kink-counted-as-violated" else margins < 1, y, 0.0)
            step = lr / math.sqrt(max(t - 1, 1) if bug == "schedule-from-zero" else t)
            w_next = w - step * (l2 * w - X.T @ pull / mean)
            if bug == "bias-gradient-at-the-updated-weights":
                pull = torch.where(y * (X @ w_next + b) < 1, y, 0.0)
            decay = l2 * b if bug == "l2-decays-the-bias" else 0.0
            w, b = w_next, b - step * (decay - pull.sum() / mean)
            ws.append(w)
            bs.append(b)
        if bug == "history-without-the-start":
            ws, bs = ws[1:] or [torch.zeros((0, d), dtype=torch.float64)], bs[1:] or [torch.zeros(0, dtype=torch.float64)]
            return torch.cat([w.reshape(-1, d) for w in ws]), torch.cat([b.reshape(-1) for b in bs])
        return torch.stack(ws), torch.stack(bs)
    return variant


FIT_DIAGNOSES = tuple(Diagnosis(bug, _fit_with(bug)) for bug in (
    "gradient-summed-not-averaged", "labels-used-as-they-are", "kink-counted-as-violated", "schedule-from-zero",
    "bias-gradient-at-the-updated-weights", "l2-decays-the-bias", "history-without-the-start"))
PREDICT_DIAGNOSES = (Diagnosis("sign-of-zero-is-zero", lambda X, w, b: torch.sign(X @ w + b).to(torch.int64)),)
