"""linear_regression cases and their float64 oracles (the numpy track).

fit_linear_regression(X, y, l2=0.0, fit_intercept=True) -> (w, b): the oracle centres X and y (with
an intercept) and solves through the SVD, w = V diag(s / (s² + l2)) Uᵀ y, singular values at or
below max(N, D)·eps·s_max counted as zero (the minimum-norm solution, as np.linalg.lstsq with
rcond=None). Each case is chosen for the slip it exposes: inverting XᵀX (singular whenever N < D or a
column repeats), the penalty on the intercept (y far from zero mean, l2 > 0), no centring (columns far
from zero mean), the minimum norm taken over (w, b) together (many solutions: N <= D with an
intercept), float32 X (w is float64 by contract). l2 = 0 and > 0 meet fit_intercept True and False
in every shape.

fit_linear_regression_gd(X, y, lr=0.01, epochs=100) -> (w, b): the same loop in float64, both
updates from the old (w, b); 0 and 1 epochs (the 2/N and b from the old w show in one step), a step
that converges and one that makes the iterates grow.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Recipe, _, normal


@dataclass(frozen=True)
class conditioned(Recipe):
    """(n, d) with column means `shift` whose centred part has singular values geomspace(1, 1/ratio, d):
    its condition number (centred, or not with shift 0) is exactly `ratio`."""

    n: int
    d: int
    ratio: float
    shift: float = 0.0
    dtype: str = "float64"

    def draw(self, rng):
        # Orthonormal columns orthogonal to the ones vector: centring leaves them as they are.
        q, _ = np.linalg.qr(np.column_stack([np.ones(self.n), rng.standard_normal((self.n, self.d))]))
        v, _ = np.linalg.qr(rng.standard_normal((self.d, self.d)))
        return q[:, 1:] * np.geomspace(1.0, 1.0 / self.ratio, self.d) @ v.T + self.shift

    def code(self):
        return (f"q = np.linalg.qr(np.column_stack([np.ones({self.n}), rng.standard_normal({(self.n, self.d)!r})]))[0]"
                f"; v = np.linalg.qr(rng.standard_normal({(self.d, self.d)!r}))[0]"
                f"; q[:, 1:] * np.geomspace(1.0, {1.0 / self.ratio!r}, {self.d}) @ v.T + {self.shift!r}")

    def describe(self):
        return _("{dtype} ({n}, {d}), condition number {ratio}, column means {shift}").format(
            dtype=self.dtype, n=self.n, d=self.d, ratio=f"{self.ratio:g}", shift=f"{self.shift:g}")


@dataclass(frozen=True)
class rank_deficient(Recipe):
    """(n, d) normal with column means `shift`, then its last column made a copy of the first
    (`zero=False`) or all zeros (`zero=True`): exactly rank-deficient, centred or not."""

    n: int
    d: int
    zero: bool = False
    shift: float = 1.0
    dtype: str = "float64"

    def draw(self, rng):
        x = rng.standard_normal((self.n, self.d)) + self.shift
        x[:, -1] = 0.0 if self.zero else x[:, 0]
        return x

    def code(self):
        last = "0.0" if self.zero else "x[:, 0]"
        return f"x = rng.standard_normal({(self.n, self.d)!r}) + {self.shift!r}; x[:, -1] = {last}"

    def describe(self):
        message = (_("{dtype} ({n}, {d}), column means {shift}, the last column all zeros") if self.zero else
                   _("{dtype} ({n}, {d}), column means {shift}, the last column a copy of the first"))
        return message.format(dtype=self.dtype, n=self.n, d=self.d, shift=f"{self.shift:g}")


def rows(n, d, dtype="float64"):
    """X with column means 1.5 (far from centred) and y with mean 3 (an intercept far from 0)."""
    return dict(X=normal((n, d), shift=1.5, dtype=dtype), y=normal((n,), shift=3.0, dtype=dtype))


def closed_form_cases() -> list[Case]:
    y = lambda n: normal((n,), shift=3.0, dtype="float64")  # noqa: E731
    return [
        # N > D, the four corners of l2 = 0 / > 0 and fit_intercept True / False.
        Case("least_squares_with_an_intercept", **rows(30, 4)),
        Case("least_squares_through_the_origin", **rows(30, 4), fit_intercept=False),
        Case("ridge_leaves_the_intercept_unpenalised", **rows(30, 4), l2=3.0),
        Case("ridge_through_the_origin", **rows(25, 3), l2=0.5, fit_intercept=False),
        Case("one_feature", **rows(12, 1), l2=0.2),
        # N == D: square X; with an intercept the centred X has rank N - 1, so there are many solutions.
        Case("as_many_samples_as_features_with_an_intercept", **rows(6, 6)),
        Case("as_many_samples_as_features_through_the_origin", **rows(6, 6), fit_intercept=False),
        Case("as_many_samples_as_features_with_ridge", **rows(5, 5), l2=0.3),
        # N < D: many solutions for l2 = 0, the minimum-norm one; ridge's one.
        Case("fewer_samples_than_features_minimum_norm", **rows(4, 9)),
        Case("fewer_samples_minimum_norm_through_the_origin", **rows(4, 9), fit_intercept=False),
        Case("fewer_samples_than_features_with_ridge", **rows(5, 8), l2=1.0),
        Case("fewer_samples_with_ridge_through_the_origin", **rows(5, 8), l2=0.1,
             fit_intercept=False),
        Case("one_sample_gives_zero_weights_and_the_mean", **rows(1, 3)),
        # Exactly rank-deficient X: XᵀX is singular, the minimum-norm w shares the weight equally.
        Case("duplicated_column_minimum_norm", X=rank_deficient(20, 4), y=y(20)),
        Case("duplicated_column_through_the_origin", X=rank_deficient(20, 4), y=y(20), fit_intercept=False),
        Case("duplicated_column_with_ridge", X=rank_deficient(20, 4), y=y(20), l2=0.5),
        Case("zero_column_gets_zero_weight", X=rank_deficient(15, 4, zero=True), y=y(15)),
        Case("zero_column_through_the_origin_with_ridge", X=rank_deficient(15, 4, zero=True), y=y(15), l2=0.2,
             fit_intercept=False),
        # Condition number 1e3, the contract's limit: fine through QR or the SVD, 1e6 through XᵀX.
        Case("condition_number_1000", X=conditioned(40, 5, 1e3, shift=2.0), y=y(40)),
        Case("condition_number_1000_through_the_origin", X=conditioned(40, 5, 1e3), y=y(40), fit_intercept=False),
        Case("condition_number_1000_with_ridge", X=conditioned(40, 5, 1e3, shift=2.0), y=y(40), l2=1e-3),
        # float32 X and y: w is float64 all the same.
        Case("float32_rows_give_float64_weights", **rows(20, 3, dtype="float32")),
        Case("float32_with_ridge_through_the_origin", **rows(20, 3, dtype="float32"), l2=1.0, fit_intercept=False),
        Case("float32_fewer_samples_than_features", **rows(3, 5, dtype="float32")),
    ]


def gradient_descent_cases() -> list[Case]:
    return [
        Case("default_step_and_epochs", **rows(30, 3)),
        # A step five times the default over the default 100 epochs: near the least-squares fit, not at it.
        Case("a_larger_step_over_the_default_epochs", **rows(30, 3), lr=0.05),
        Case("zero_epochs_return_zeros", **rows(10, 3), epochs=0),
        Case("zero_epochs_in_float32", **rows(10, 3, dtype="float32"), epochs=0),
        # One step from zero: r = y, so w = lr·(2/N)·Xᵀy and b = lr·2·mean(y), both from the old w = 0.
        Case("one_epoch", **rows(12, 3), lr=0.1, epochs=1),
        Case("one_epoch_in_float32", **rows(12, 4, dtype="float32"), lr=0.05, epochs=1),
        Case("two_epochs", **rows(8, 2), lr=0.1, epochs=2),
        Case("as_many_samples_as_features", **rows(5, 5), lr=0.02, epochs=40),
        Case("fewer_samples_than_features", **rows(4, 7), lr=0.02, epochs=30),
        Case("one_sample", **rows(1, 3), lr=0.05, epochs=10),
        # D = 1: w is still an array of shape (1,), X.T @ r still a matrix product.
        Case("one_feature", **rows(15, 1), lr=0.05, epochs=20),
        Case("a_step_that_converges", X=normal((40, 3), dtype="float64"), y=normal((40,), shift=1.0,
                                                                                  dtype="float64"),
             lr=0.1, epochs=400),
        # Columns of mean 1.5: the largest curvature is about 2·(1 + 4·1.5²) = 20, so lr = 0.15 overshoots
        # and every step multiplies the error by about 2: graded step by step all the same.
        Case("a_step_too_large_grows_every_epoch", **rows(20, 4), lr=0.15, epochs=25),
    ]


def singular_value_floor(s: torch.Tensor, n: int, d: int) -> float:
    """The contract's (and np.linalg.lstsq(rcond=None)'s) cut-off: max(N, D)·eps·s_max."""
    return max(n, d) * torch.finfo(torch.float64).eps * (float(s.max()) if s.numel() else 0.0)


def centred(X, y, fit_intercept):
    x_mean = X.mean(0) if fit_intercept else torch.zeros(X.shape[1], dtype=torch.float64)
    y_mean = y.mean() if fit_intercept else torch.zeros((), dtype=torch.float64)
    return X - x_mean, y - y_mean, x_mean, y_mean


def closed_form_reference(X, y, l2=0.0, fit_intercept=True):
    """Centre, then w = V diag(s / (s² + l2)) Uᵀ y over the singular values above the cut-off."""
    y = y.to(torch.float64)
    Xc, yc, x_mean, y_mean = centred(X, y, fit_intercept)
    u, s, vh = torch.linalg.svd(Xc, full_matrices=False)
    kept = s > singular_value_floor(s, *X.shape)
    gain = torch.where(kept, s / torch.where(kept, s * s + l2, 1.0), 0.0)
    w = vh.T @ (gain * (u.T @ yc))
    return w, y_mean - x_mean @ w


def closed_form_condition(X, y, l2=0.0, fit_intercept=True):
    """Least squares through QR or the SVD is accurate to about eps·κ² (relative) when the residual is
    not zero: κ = 1e3 gives 2e-10, twice float64's rtol. The tolerances grow with κ² / 1e5 past κ ≈ 316."""
    Xc = centred(X.detach(), y.detach().to(torch.float64), fit_intercept)[0]
    s = torch.linalg.svdvals(Xc)
    s = torch.sqrt(s[s > singular_value_floor(s, *X.shape)] ** 2 + l2)
    kappa = float(s.max() / s.min()) if s.numel() else 1.0
    return max(1.0, kappa ** 2 / 1e5)


def gradient_descent_reference(X, y, lr=0.01, epochs=100):
    """The same loop in float64: both updates from the old (w, b)."""
    n, d = X.shape
    y = y.to(torch.float64)
    w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()
    return w, b


# --- diagnoses: the classic bugs a wrong fit is recognised as (katas/linear_regression/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) ----------------------

def _minimum_norm(A, t):
    """np.linalg.lstsq(A, t, rcond=None): the minimum-norm least-squares solution, through the SVD."""
    u, s, vh = torch.linalg.svd(A, full_matrices=False)
    kept = s > singular_value_floor(s, *A.shape)
    return vh.T @ (torch.where(kept, 1 / torch.where(kept, s, 1.0), 0.0) * (u.T @ t))


def _closed_form_with(bug: str):
    """The closed form with one classic bug: w solved before centring, or a column of ones for b with
    the ridge penalty on it too, or with b under the minimum norm (the penalty on w only)."""
    def variant(X, y, l2=0.0, fit_intercept=True):
        y = y.to(torch.float64)
        n, d = X.shape
        ones = bug != "w-fitted-before-centring" and fit_intercept
        A = torch.cat([X, torch.ones(n, 1, dtype=X.dtype)], dim=1) if ones else X
        penalised = A.shape[1] if bug == "intercept-penalised" else d
        if l2 > 0:
            rows = (l2 ** 0.5) * torch.eye(A.shape[1], dtype=X.dtype)[:penalised]
            theta = _minimum_norm(torch.cat([A, rows]), torch.cat([y, torch.zeros(penalised, dtype=y.dtype)]))
        else:
            theta = _minimum_norm(A, y)
        if ones:
            return theta[:d], theta[d]
        b = y.mean() - X.mean(0) @ theta if fit_intercept else torch.zeros((), dtype=torch.float64)
        return theta, b
    return variant


def _gradient_descent_with(bug: str):
    def variant(X, y, lr=0.01, epochs=100):
        n, d = X.shape
        y = y.to(torch.float64)
        w, b = torch.zeros(d, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
        scale = -1.0 if bug == "gradient-without-two-over-n" else -2 / n
        for _ in range(epochs):
            r = y - X @ w - b
            w_next = w - lr * scale * (X.T @ r)
            if bug == "bias-from-the-new-weights":
                r = y - X @ w_next - b
            w, b = w_next, b - lr * scale * r.sum()
        return w, b
    return variant


CLOSED_FORM_DIAGNOSES = tuple(Diagnosis(bug, _closed_form_with(bug)) for bug in (
    # Without a penalty the two intercept bugs are one: the minimum norm over (w, b) comes first.
    "w-fitted-before-centring", "intercept-under-the-minimum-norm", "intercept-penalised"))
GRADIENT_DESCENT_DIAGNOSES = tuple(Diagnosis(bug, _gradient_descent_with(bug)) for bug in (
    "gradient-without-two-over-n", "bias-from-the-new-weights"))
