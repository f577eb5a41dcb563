"""pca cases and their float64 oracles (numpy track).

fit_pca's data are built with a known, well-separated spectrum: X = U·diag(s)·Vᵀ + shift, U's
columns orthonormal and centred (so s is exactly the spectrum of the centred data), V near the
identity (so each component's largest entry is clear, and its sign is not a rounding's choice).
Components are ill-defined where two singular values nearly coincide: every case keeps the
kept ones, and the next, apart, and k at most the rank of the centred data.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, CheckFailed, Diagnosis, Recipe, _, expect_outputs, normal


@dataclass(frozen=True)
class spectrum(Recipe):
    """(N, D) data whose centred singular values are `values` (len ≤ min(N - 1, D)), plus `shift`·N(0, 1) per feature."""

    shape: tuple[int, int]
    values: tuple[float, ...]
    shift: float = 1.0
    dtype: str = "float32"

    def draw(self, rng):
        (n, d), r = self.shape, len(self.values)
        a = rng.standard_normal((n, r))
        u = np.linalg.qr(a - a.mean(axis=0))[0]
        v = np.linalg.qr(rng.standard_normal((d, r)) + 4 * np.eye(d, r))[0]
        return (u * np.array(self.values)) @ v.T + self.shift * rng.standard_normal(d)

    def lines(self, name):
        (n, d), r = self.shape, len(self.values)
        return [f"a = rng.standard_normal({(n, r)!r})",
                "u = np.linalg.qr(a - a.mean(axis=0))[0]",
                f"v = np.linalg.qr(rng.standard_normal({(d, r)!r}) + 4 * np.eye({d}, {r}))[0]",
                f"{name} = ((u * np.array({list(self.values)!r})) @ v.T"
                f" + {self.shift!r} * rng.standard_normal({d})).astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} {shape}: centred singular values {values}, shift {shift}").format(
            dtype=self.dtype, shape=self.shape, values=list(self.values), shift=f"{self.shift:g}")


def fit_cases() -> list[Case]:
    return [
        Case("more_samples_than_features", X=spectrum((40, 6), (12, 8, 5, 3, 1.5, 0.5)), n_components=3),
        Case("more_features_than_samples", X=spectrum((6, 12), (9, 6, 4, 2, 1)), n_components=3),
        Case("one_component", X=spectrum((30, 5), (10, 6, 3, 1.5, 0.5)), n_components=1),
        Case("every_component", X=spectrum((30, 5), (10, 6, 3, 1.5, 0.5)), n_components=5),
        # N == D: components transposed still have the right shape.
        Case("as_many_samples_as_features", X=spectrum((8, 8), (9, 6, 4, 2.5, 1.5, 1, 0.5)), n_components=4),
        Case("every_component_of_a_square_matrix", X=spectrum((5, 5), (8, 4, 2, 1)), n_components=4),
        # Mean ~1e3 against a spread ~1: without centring the first component is the mean.
        Case("data_far_from_the_origin", X=spectrum((40, 6), (12, 8, 5, 3, 1.5, 0.5), shift=1e3),
             n_components=3),
        Case("float64_data", X=spectrum((25, 7), (10, 7, 4, 2, 1, 0.5, 0.2), shift=5.0, dtype="float64"),
             n_components=4),
        Case("float64_more_features_than_samples", X=spectrum((5, 9), (6, 3, 1.5, 0.5), dtype="float64"),
             n_components=4),
        # Rank 3 in 8 features: the other singular values are 0, the ratio still sums over all.
        Case("rank_deficient_data", X=spectrum((20, 8), (7, 4, 2)), n_components=2),
        # Singular values 3000 against 2 and 1: XᵀX in float32 spans 1e7 and loses the small ones'
        # directions, which the SVD of the data resolves to ~1e-4.
        Case("wide_dynamic_range", X=spectrum((30, 4), (3000, 2, 1)), n_components=3),
    ]


def transform_cases() -> list[Case]:
    return [
        Case("more_samples_than_features", X=normal((10, 6)), mean=normal((6,)), components=normal((3, 6))),
        Case("as_many_samples_as_features", X=normal((5, 5)), mean=normal((5,)), components=normal((5, 5))),
        Case("one_component", X=normal((7, 4)), mean=normal((4,)), components=normal((1, 4))),
        Case("data_far_from_the_origin", X=normal((8, 5), shift=1e3), mean=normal((5,), shift=1e3),
             components=normal((2, 5))),
        Case("float64_data", X=normal((6, 9), dtype="float64"), mean=normal((9,), dtype="float64"),
             components=normal((4, 9), dtype="float64")),
    ]


def inverse_cases() -> list[Case]:
    return [
        Case("more_samples_than_features", Z=normal((10, 3)), mean=normal((6,)), components=normal((3, 6))),
        Case("as_many_samples_as_features", Z=normal((5, 5)), mean=normal((5,)), components=normal((5, 5))),
        Case("one_component", Z=normal((7, 1)), mean=normal((4,)), components=normal((1, 4))),
        Case("data_far_from_the_origin", Z=normal((8, 2)), mean=normal((5,), shift=1e3), components=normal((2, 5))),
        Case("float64_data", Z=normal((6, 4), dtype="float64"), mean=normal((9,), dtype="float64"),
             components=normal((4, 9), dtype="float64")),
    ]


def fit_reference(X, n_components):
    mean = X.mean(dim=0)
    _, s, vt = torch.linalg.svd(X - mean, full_matrices=False)
    rows = torch.arange(vt.shape[0])
    vt = vt * torch.sign(vt[rows, vt.abs().argmax(dim=1)])[:, None]
    variance = s * s / (X.shape[0] - 1)
    k = n_components
    return mean, vt[:k], variance[:k], (variance / variance.sum())[:k]


def fit_condition(X, n_components):
    """s₁ over the smallest gap around a kept singular value (the next one included), plus the
    rounding of the centring: |mean|·√(N·D) against the same gap."""
    mean = X.mean(dim=0)
    s = torch.linalg.svdvals(X - mean)
    kept = s[: n_components + 1]
    gap = float((kept[:-1] - kept[1:]).min())
    return max(1.0, (float(s[0]) + float(mean.abs().max()) * (X.numel() ** 0.5)) / gap)


def transform_reference(X, mean, components):
    return (X - mean) @ components.T


def transform_condition(X, mean, components):
    out = transform_reference(X, mean, components)
    return max(1.0, float(X.abs().max()) * float(components.abs().sum(dim=1).max()) / float(out.abs().max()))


def inverse_reference(Z, mean, components):
    return Z @ components + mean


# --- diagnoses: the classic bugs a wrong result is recognised as (katas/pca/hints.toml, [causes],
# explains each; the proofs' `# hint:` lines prove where each leads) ---------------------------------

def _fit_with(bug: str):
    """fit_reference with one classic bug."""
    def variant(X, n_components):
        mean = X.mean(dim=0)
        _, s, vt = torch.linalg.svd(X if bug == "no-centring" else X - mean, full_matrices=False)
        vt = vt * torch.sign(vt[torch.arange(vt.shape[0]), vt.abs().argmax(dim=1)])[:, None]
        variance = s * s / (X.shape[0] - (bug != "variance-over-n"))
        k = n_components
        total = variance[:k].sum() if bug == "ratio-over-the-kept-components" else variance.sum()
        components = vt[:k].T if bug == "components-as-columns" else vt[:k]
        return mean, components, variance[:k], (variance / total)[:k]
    return variant


FIT_DIAGNOSES = tuple(Diagnosis(bug, _fit_with(bug)) for bug in (
    "no-centring", "components-as-columns", "variance-over-n", "ratio-over-the-kept-components"))
INVERSE_DIAGNOSES = (Diagnosis("mean-not-added-back", lambda Z, mean, components: Z @ components),)


def expect_fit(actual, expected, like, condition) -> None:
    """fit_pca's four results; components right but for the sign of some rows are that classic bug."""
    try:
        expect_outputs(actual, expected, like, condition)
    except CheckFailed as error:
        if _right_up_to_signs(actual, expected, like, condition):
            error.cause = "sign-not-fixed"
        raise


def _right_up_to_signs(actual, expected, like, condition) -> bool:
    components = actual[1] if isinstance(actual, (tuple, list)) and len(actual) == 4 else None
    if not isinstance(components, np.ndarray) or components.shape != tuple(expected[1].shape):
        return False
    signs = np.sign((components.astype(np.float64) * expected[1].numpy()).sum(axis=1, keepdims=True))
    signs = signs.astype(components.dtype)  # a float64 product would fail a strict grade's dtype check
    try:
        expect_outputs((actual[0], components * signs, *actual[2:]), expected, like, condition)
    except CheckFailed:
        return False
    return True
