"""softmax_regression cases and their float64 oracles, shared by both tracks.

fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0) -> (W_history, b_history): the
oracle is the same loop of full-batch gradient steps in float64, with torch.softmax. Each case is
chosen for the slip it exposes: the 1/N of the mean (any N > 1), l2 on the bias (labels far from
balanced, so that b is large, and more than one epoch), b's gradient taken at the new W (one epoch
from zero: it must be mean(1/C - Y)), the one-hot matrix transposed (N == C, where its shape hides
it), W transposed (D == C), a class absent from y (num_classes, not the labels, sets C; its column
still moves), logits past exp's range (a naive exp gives inf / inf), an in-place update appended to
the history (every entry the final W), float32 X.

predict_proba(X, W, b): moderate logits, and rows of ±1000, of -1000 only (a naive exp gives 0 / 0)
and of ±1e300. predict(X, W, b): labels exactly, ties (equal columns, equal biases, W = 0) to the
lowest class index.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal

F64 = "float64"


@dataclass(frozen=True)
class labels(Recipe):
    """n labels drawn uniformly from `classes`: a class left out is absent from y, a class written
    twice is twice as frequent."""

    n: int
    classes: tuple[int, ...]
    dtype: str = "int64"

    def draw(self, rng):
        return rng.choice(np.array(self.classes), self.n)

    def code(self):
        return f"rng.choice(np.array({list(self.classes)!r}), {self.n})"

    def describe(self):
        return _("{dtype} {shape} drawn from {classes}").format(dtype=self.dtype, shape=f"({self.n},)",
                                                               classes=repr(list(self.classes)))


def fit(name, n, d, classes, dtype=F64, *, scale=1.0, drawn=None, y=None, **options) -> Case:
    """A fit case: X ~ N(0, scale²) of shape (n, d), y drawn from `drawn` (default: every class)."""
    y = y if y is not None else labels(n, drawn if drawn is not None else tuple(range(classes)))
    return Case(name, X=normal((n, d), scale=scale, dtype=dtype), y=y, num_classes=classes, **options)


def fit_cases() -> list[Case]:
    return [
        fit("default_hyper_parameters", 30, 4, 3),
        # float32 X against the large step and against l2: every pair of (dtype, lr) and (dtype, l2).
        fit("float32_rows_with_a_large_step", 24, 3, 3, "float32", lr=0.5),
        fit("float32_rows_with_l2", 20, 4, 4, "float32", l2=0.1),
        fit("two_classes", 20, 3, 2, l2=0.1),
        # D == C: W and W.T have the same shape; N == C: so have the one-hot matrix and its transpose
        # (labels with a repeat, so that the one-hot matrix is not symmetric).
        fit("as_many_classes_as_features", 24, 4, 4, lr=0.5),
        fit("as_many_samples_as_classes", 5, 3, 5, y=given((1, 0, 3, 3, 2), dtype="int64"), lr=0.5,
            epochs=20),
        fit("more_classes_than_features", 40, 2, 6, epochs=60),
        # An absent class keeps its column: its probabilities are pushed down like any wrong class's.
        fit("the_last_class_absent_from_the_labels", 25, 3, 4, drawn=(0, 1, 2)),
        fit("a_middle_class_absent_from_the_labels", 25, 3, 4, drawn=(0, 2, 3), l2=0.1, lr=0.5),
        fit("zero_epochs_return_the_start", 10, 3, 3, epochs=0),
        fit("zero_epochs_in_float32", 10, 3, 4, "float32", epochs=0),
        # One step from zero: every probability is 1/C, so b moves by lr * mean(Y - 1/C).
        fit("one_epoch", 12, 3, 3, scale=2.0, lr=0.5, epochs=1),
        fit("one_epoch_in_float32", 12, 4, 3, "float32", scale=2.0, lr=0.5, l2=1.0, epochs=1),
        fit("two_epochs_with_a_large_step", 12, 3, 3, lr=1.0, epochs=2),
        fit("one_sample", 1, 3, 3, y=given((2,), dtype="int64"), epochs=10),
        fit("one_feature", 20, 1, 3),
        # Labels mostly class 0: b is large, so decaying it too (l2 on the bias) shows.
        fit("l2_does_not_decay_the_bias", 40, 3, 3, drawn=(0, 0, 0, 0, 0, 0, 1, 2), l2=0.5),
        fit("strong_l2_with_a_large_step", 6, 6, 3, drawn=(0, 0, 0, 1, 2), l2=2.0, lr=0.4, epochs=30),
        # After one step the logits reach hundreds or thousands: exp(800) is inf in float64.
        fit("logits_that_overflow_a_naive_exp", 12, 3, 3, scale=40.0, lr=1.0, epochs=5),
        fit("logits_that_overflow_with_l2", 10, 4, 3, scale=300.0, l2=0.5, lr=0.5, epochs=4),
    ]


# Rows of logits (W = I): exp(1000) overflows; exp(-1000) underflows to 0, and a row of them gives 0 / 0.
THOUSANDS = ((1000.0, -1000.0, 0.0), (-1000.0, -1000.0, -1000.0), (1000.0, 999.0, 998.0), (0.5, -0.5, 2.0))


def predict_proba_cases(track: str) -> list[Case]:
    """NumPy: W and b are float64 (as fit returns them) whatever X's dtype; torch: X's dtype."""
    def params(shape, dtype, **kwargs):
        return normal(shape, dtype=F64 if track == "numpy" else dtype, **kwargs)

    def logits(name, rows, dtype=F64, b=None) -> Case:
        # W = I: the logits are X's rows themselves (plus b), exactly.
        c = len(rows[0])
        eye = tuple(tuple(1.0 if i == j else 0.0 for j in range(c)) for i in range(c))
        bias = b if b is not None else (0.0,) * c
        wdtype = F64 if track == "numpy" else dtype
        return Case(name, X=given(rows, dtype=dtype), W=given(eye, dtype=wdtype), b=given(bias, dtype=wdtype))

    return [
        Case("moderate_logits", X=normal((50, 4), scale=2.0, dtype=F64), W=params((4, 3), F64),
             b=params((3,), F64)),
        Case("moderate_logits_in_float32", X=normal((20, 3), scale=2.0), W=params((3, 5), "float32"),
             b=params((5,), "float32")),
        Case("one_row", X=normal((1, 5), dtype=F64), W=params((5, 3), F64), b=params((3,), F64)),
        Case("two_classes", X=normal((8, 3), dtype=F64), W=params((3, 2), F64), b=params((2,), F64)),
        Case("one_class_is_certain", X=normal((4, 3), dtype=F64), W=params((3, 1), F64), b=params((1,), F64)),
        Case("as_many_rows_as_classes", X=normal((4, 4), dtype=F64), W=params((4, 4), F64),
             b=params((4,), F64)),
        logits("logits_of_plus_and_minus_1000", THOUSANDS),
        logits("logits_of_plus_and_minus_1000_in_float32", THOUSANDS, "float32"),
        logits("logits_of_1000_through_the_bias", ((0.5, -0.5, 2.0), (1.0, 1.0, 1.0)),
               b=(1000.0, 0.0, -1000.0)),
        logits("logits_of_minus_1000_through_the_bias", ((0.5, -0.5, 2.0), (3.0, 0.0, 1.0)),
               b=(-1000.0, -1000.0, -1000.0)),
        logits("logits_of_plus_and_minus_1e300", ((1e300, -1e300, 1e3), (-1e300, -1e300, 0.0))),
        logits("logits_of_plus_and_minus_1e30_in_float32", ((1e30, -1e30, 1e3), (-1e30, -1e30, 0.0)),
               "float32"),
    ]


def predict_cases(track: str) -> list[Case]:
    def case(name, X, W, b) -> Case:
        """W and b: a shape (drawn from N(0, 1)) or the values; float64 on the numpy track, X's dtype on
        torch."""
        dtype = F64 if track == "numpy" else X.dtype
        made = [normal(v, dtype=dtype) if all(isinstance(i, int) for i in v) else given(v, dtype=dtype)
                for v in (W, b)]
        return Case(name, X=X, W=made[0], b=made[1])

    two_equal_columns = ((1.0, 3.0, 3.0, -1.0), (0.5, -2.0, -2.0, 0.0), (-1.0, 1.0, 1.0, 2.0))
    return [
        case("distinct_logits", normal((30, 4), dtype=F64), (4, 5), (5,)),
        case("distinct_logits_in_float32", normal((20, 3)), (3, 4), (4,)),
        case("one_row", normal((1, 3), dtype=F64), (3, 4), (4,)),
        case("as_many_rows_as_classes", normal((5, 5), dtype=F64), (5, 5), (5,)),
        # Ties: the first of the largest logits, as np.argmax and torch.argmax return it.
        case("zero_weights_tie_every_class_to_class_0", normal((6, 3), dtype=F64), ((0.0,) * 4,) * 3,
             (0.0,) * 4),
        case("equal_biases_tie_to_the_lower_class", normal((6, 2), dtype=F64), ((0.0,) * 4,) * 2,
             (0.0, 2.0, 2.0, 1.0)),
        case("two_equal_columns_tie_to_the_lower_class", normal((12, 3), dtype=F64), two_equal_columns,
             (0.0, 0.5, 0.5, 0.0)),
        case("two_equal_columns_in_float32", normal((12, 3)), two_equal_columns, (0.0, 0.5, 0.5, 0.0)),
    ]


def fit_reference(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    """The same loop in float64: both gradients from the old (W, b), the bias not decayed."""
    n, d = X.shape
    Y = torch.nn.functional.one_hot(y, num_classes).to(torch.float64)
    W, b = torch.zeros(d, num_classes, dtype=torch.float64), torch.zeros(num_classes, dtype=torch.float64)
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = torch.softmax(X @ W + b, dim=1) - Y
        W, b = W - lr * (X.T @ R / n + l2 * W), b - lr * R.mean(dim=0)
        W_history.append(W)
        b_history.append(b)
    return torch.stack(W_history), torch.stack(b_history)


def predict_proba_reference(X, W, b):
    return torch.softmax(X @ W + b, dim=1)


def predict_reference(X, W, b):
    return torch.argmax(X @ W + b, dim=1)


def rounding_scale(X, W, b) -> torch.Tensor:
    """|X| @ |W| + |b|: how large the terms summed into each logit are, which its rounding follows."""
    return X.detach().abs() @ W.detach().abs() + b.detach().abs()


def probability_condition(X, W, b) -> float:
    """A logit is known to about eps·(|X| @ |W| + |b|), and an error δ in it moves its probability by
    about p(1 - p)·δ: the tolerance grows with the largest such scale among the probabilities that are
    neither 0 nor 1 (a saturated row's 0s and 1 are exact however large its logits)."""
    p = predict_proba_reference(X.detach(), W.detach(), b.detach())
    contested = (p > 1e-16) & (p < 1 - 1e-16)
    scale = rounding_scale(X, W, b)[contested]
    return max(1.0, 0.1 * float(scale.max())) if scale.numel() else 1.0


# --- diagnoses: the classic bugs a wrong history or prediction is recognised as
# (katas/softmax_regression/hints.toml, [causes], explains each; the proofs' `# hint:` lines prove where each leads)

def _fit_with(bug: str):
    """fit_reference with one classic bug."""
    def variant(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
        n, d = X.shape
        classes = torch.unique(y) if bug == "classes-from-the-labels" else torch.arange(num_classes)
        Y = (y[:, None] == classes[None, :]).to(torch.float64)
        mean = 1 if bug == "gradient-without-the-mean" else n
        W, b = torch.zeros(d, len(classes), dtype=torch.float64), torch.zeros(len(classes), dtype=torch.float64)
        W_history, b_history = [W], [b]
        sum_W, sum_b = torch.zeros_like(W), torch.zeros_like(b)  # what never-zeroed .grad holds
        for _ in range(epochs):
            R = torch.softmax(X @ W + b, dim=1) - Y
            grad_W = X.T @ R / mean + l2 * W
            if bug == "bias-gradient-at-the-updated-weights":
                R = torch.softmax(X @ (W - lr * grad_W) + b, dim=1) - Y
            grad_b = R.sum(dim=0) / mean + (l2 * b if bug == "l2-decays-the-bias" else 0.0)
            if bug == "gradients-never-zeroed":
                sum_W, sum_b = sum_W + grad_W, sum_b + grad_b
                grad_W, grad_b = sum_W, sum_b
            W, b = W - lr * grad_W, b - lr * grad_b
            W_history.append(W)
            b_history.append(b)
        if bug == "history-aliased":  # every entry is the final parameters
            W_history, b_history = [W] * len(W_history), [b] * len(b_history)
        return torch.stack(W_history), torch.stack(b_history)
    return variant


FIT_DIAGNOSES = tuple(Diagnosis(bug, _fit_with(bug)) for bug in (
    "gradient-without-the-mean", "classes-from-the-labels", "bias-gradient-at-the-updated-weights",
    "l2-decays-the-bias", "gradients-never-zeroed", "history-aliased"))
PREDICT_DIAGNOSES = (Diagnosis("ties-to-the-last-class", lambda X, W, b: W.shape[1] - 1 - torch.argmax(
    (X @ W + b).flip(1), dim=1)),)
