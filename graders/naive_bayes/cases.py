"""naive_bayes cases and their float64 oracles (torch, no scikit-learn at grading time).

fit_gaussian_nb(X, y, var_smoothing): classes exactly (y's dtype), priors, means and variances in
X's dtype. Epsilon is var_smoothing times the largest variance of a feature over all of X: the
per-class variant, and the unbiased variance, only show where epsilon is large or a class is
small, hence the large var_smoothing and the class of one sample (variance epsilon alone).
predict_log_proba / predict take the parameters directly: unequal priors (uniform priors fail),
variances that differ by class (the -0.5·log(2πσ²) term decides), and test points 1e3 standard
deviations away, where a product of densities underflows to 0/0 and exp without the row's
maximum to log(0).
"""
from __future__ import annotations

import math

import numpy as np
import torch

from interviewkit.grader import (
    Case, CheckFailed, Diagnosis, Expected, _, expect_close, expect_equal, given, normal, uniform,
)


def labels(*values, dtype="int64") -> given:
    return given(tuple(values), dtype=dtype)


# 12 samples, three classes (5, 6, 9) of 5, 6 and 1 samples: labels not starting at 0, one singleton.
WITH_A_SINGLETON = labels(5, 6, 5, 6, 6, 5, 9, 6, 5, 6, 5, 6)
TWO_CLASSES = labels(*([1, 2] * 6 + [2] * 4))  # 6 of class 1, 10 of class 2
FOUR_CLASSES = labels(*([0, 3, 7, 8] * 5 + [3, 3, 7]), dtype="int32")


def fit_cases() -> list[Case]:
    return [
        Case("example_from_the_statement", X=given(((0.0,), (2.0,), (10.0,), (12.0,)), dtype="float64"),
             y=labels(4, 4, 7, 7), var_smoothing=0.0),
        Case("two_classes", X=normal((16, 3), dtype="float64"), y=TWO_CLASSES),
        Case("two_classes_in_float32", X=normal((16, 3), scale=2.0, shift=1.0), y=TWO_CLASSES),
        Case("four_int32_classes", X=normal((23, 5), dtype="float64"), y=FOUR_CLASSES),
        Case("four_classes_as_many_as_features", X=normal((23, 4)), y=FOUR_CLASSES),
        Case("a_class_of_one_sample", X=normal((12, 3), dtype="float64"), y=WITH_A_SINGLETON),
        Case("a_class_of_one_sample_large_smoothing", X=normal((12, 3)), y=WITH_A_SINGLETON, var_smoothing=0.5),
        Case("as_many_samples_as_features", X=normal((12, 12), dtype="float64"), y=WITH_A_SINGLETON),
        # Feature scales 0.1 to 10: the largest variance (all of X) differs from every class's own.
        Case("large_smoothing_features_of_different_scale",
             X=given(tuple(tuple(v * s for v, s in zip(row, (0.1, 1.0, 10.0))) for row in
                           np.random.default_rng(16).normal(size=(16, 3)).tolist()), dtype="float64"),
             y=TWO_CLASSES, var_smoothing=0.3),
        Case("zero_smoothing", X=normal((16, 3), dtype="float64"), y=TWO_CLASSES, var_smoothing=0.0),
        Case("zero_smoothing_in_float32", X=normal((23, 3)), y=FOUR_CLASSES, var_smoothing=0.0),
        Case("a_constant_feature_default_smoothing", X=given(tuple((float(i % 5), -2.0) for i in range(16))),
             y=TWO_CLASSES),
        Case("a_constant_feature", X=given(tuple((float(i % 5), 3.0, float(i * i % 7)) for i in range(16)),
                                             dtype="float64"), y=TWO_CLASSES, var_smoothing=1e-3),
    ]


CLASSES3 = labels(2, 4, 7)
PRIORS3 = (0.2, 0.5, 0.3)
CLASSES2 = labels(-1, 1)
PRIORS2 = (0.8, 0.2)


def parameters_case(name, X, classes, priors, dtype, **kw) -> Case:
    C, D = len(classes.values), X.shape[1]
    return Case(name, X=X, classes=classes, priors=given(priors, dtype=dtype),
                means=normal((C, D), dtype=dtype), variances=uniform((C, D), 0.2, 3.0, dtype=dtype), **kw)


def probability_cases() -> list[Case]:
    return [
        parameters_case("three_classes", normal((10, 4), dtype="float64"), CLASSES3, PRIORS3, "float64"),
        parameters_case("three_classes_in_float32", normal((10, 4)), CLASSES3, PRIORS3, "float32"),
        parameters_case("two_classes_unequal_priors", normal((8, 3), dtype="float64"), CLASSES2, PRIORS2, "float64"),
        parameters_case("as_many_classes_as_features", normal((9, 3), dtype="float64"), CLASSES3, PRIORS3, "float64"),
        parameters_case("as_many_points_as_features", normal((4, 4)), CLASSES3, PRIORS3, "float32"),
        # M == C: scores laid out (C, M) instead of (M, C) keep their shape.
        parameters_case("as_many_points_as_classes", normal((3, 5), dtype="float64"), CLASSES3, PRIORS3, "float64"),
        parameters_case("int32_labels", normal((10, 3), dtype="float64"), labels(2, 4, 7, dtype="int32"), PRIORS3,
                        "float64"),
        parameters_case("a_single_point", normal((1, 5), dtype="float64"), CLASSES2, PRIORS2, "float64"),
        # 1e3 standard deviations away: joint log-likelihoods of about -1e6, exp of which is 0.
        parameters_case("points_far_away", normal((6, 3), scale=1e3, dtype="float64"), CLASSES3, PRIORS3, "float64"),
        parameters_case("points_far_away_in_float32", normal((6, 3), scale=1e3), CLASSES2, PRIORS2, "float32"),
        parameters_case("one_feature_points_far_away", normal((5, 1), scale=1e3, dtype="float64"), CLASSES3,
                        PRIORS3, "float64"),
    ]


def tie_case(name, dtype) -> Case:
    """Classes 3 and 8 share every parameter: their scores tie exactly, and 3 must win."""
    return Case(name, X=normal((6, 2), dtype=dtype), classes=labels(3, 8), priors=given((0.5, 0.5), dtype=dtype),
                means=given(((0.5, -0.5), (0.5, -0.5)), dtype=dtype),
                variances=given(((1.5, 0.7), (1.5, 0.7)), dtype=dtype))


def predict_cases() -> list[Case]:
    return probability_cases() + [tie_case("identical_classes_tie_to_the_first", "float64"),
                                  tie_case("identical_classes_tie_to_the_first_in_float32", "float32")]


def reference_fit(X, y, var_smoothing=1e-9, *, bug=""):
    """scikit-learn's GaussianNB fit, or with one of FIT_DIAGNOSES' bugs."""
    classes = torch.unique(y)
    rows = [X[y == c] for c in classes]
    if bug == "epsilon-from-each-class":
        epsilon = torch.stack([var_smoothing * r.var(dim=0, unbiased=False).max() for r in rows])[:, None]
    else:
        epsilon = var_smoothing * X.var(dim=0, unbiased=False).max()
    shares = [1 / len(rows) if bug == "uniform-priors" else len(r) / len(y) for r in rows]
    priors = torch.tensor(shares, dtype=torch.float64)
    means = torch.stack([r.mean(dim=0) for r in rows])
    variances = torch.stack([r.var(dim=0, unbiased=bug == "unbiased-class-variance") for r in rows]) + epsilon
    return classes, priors, means, variances


def joint_log_likelihood(X, priors, means, variances, normaliser=True):
    log_norm = -0.5 * torch.log(2 * math.pi * variances).sum(dim=1) if normaliser else 0.0
    squared = ((X[:, None, :] - means[None]) ** 2 / variances[None]).sum(dim=2)
    return torch.log(priors) + log_norm - 0.5 * squared


def reference_log_proba(X, classes, priors, means, variances):
    joint = joint_log_likelihood(X, priors, means, variances)
    return joint - torch.logsumexp(joint, dim=1, keepdim=True)


# Classic bugs a failing output is recognised as (katas/naive_bayes/hints.toml [causes] explains each).
FIT_DIAGNOSES = tuple(
    Diagnosis(bug, lambda X, y, var_smoothing=1e-9, bug=bug: reference_fit(X, y, var_smoothing, bug=bug))
    for bug in ("unbiased-class-variance", "epsilon-from-each-class", "uniform-priors"))


def _without_the_log_normaliser(X, classes, priors, means, variances):
    joint = joint_log_likelihood(X, priors, means, variances, normaliser=False)
    return joint - torch.logsumexp(joint, dim=1, keepdim=True)


LOG_PROBA_DIAGNOSES = (Diagnosis("log-normaliser-missing", _without_the_log_normaliser),)


def reference_predict(X, classes, priors, means, variances):
    return classes[joint_log_likelihood(X, priors, means, variances).argmax(dim=1)]  # first of equal maxima


def _expect_dtype(actual, dtype: str, what: str) -> None:
    got = str(getattr(actual, "dtype", type(actual).__name__))
    if got != dtype:
        raise CheckFailed(_("{what} have dtype {got}, expected {dtype}: take them from y / classes (np.unique(y), "
                            "classes[index]) rather than building new integers").format(what=what, got=got, dtype=dtype))


def expect_fit(case: Case):
    label_dtype = case.inputs["y"].dtype

    def compare(actual, expected, like, condition=1.0):
        if not isinstance(actual, (tuple, list)) or len(actual) != 4:
            raise CheckFailed(_("expected a tuple (classes, priors, means, variances), got {got}").format(
                got=f"{actual!r:.80}"))
        _expect_dtype(actual[0], label_dtype, "classes")
        expect_equal(actual[0], expected[0], Expected("numpy", label_dtype), "classes")
        for got, want, what in zip(actual[1:], expected[1:], ("priors", "means", "variances")):
            # Each against its own scale: the variances of a one-sample class are epsilon alone.
            expect_close(got, want, like, what, condition=condition)

    return compare


def expect_predict(case: Case, seed_offset: int):
    """Labels exactly, except where the float64 scores of the top two classes are too close for
    float32 to order (never on the tie cases, whose scores are equal in any precision)."""
    dtype = case.inputs["classes"].dtype
    inputs = case.reference_inputs(seed_offset)
    joint = joint_log_likelihood(inputs["X"], inputs["priors"], inputs["means"], inputs["variances"])
    top2 = torch.topk(joint, 2, dim=1).values
    gap = top2[:, 0] - top2[:, 1]
    # An exact tie (identical classes) is exact in every precision: the first class must win there.
    close = (gap > 0) & (gap < 1e-4 * joint.abs().max(dim=1).values)
    if case.inputs["X"].dtype != "float32":
        close[:] = False

    def compare(actual, expected, like, condition=1.0):
        _expect_dtype(actual, dtype, _("predicted labels"))
        want = expected
        if isinstance(actual, np.ndarray) and tuple(actual.shape) == tuple(expected.shape):
            want = torch.where(close, torch.as_tensor(actual).to(expected.dtype), expected)
        expect_equal(actual, want, Expected("numpy", dtype), _("predicted labels"))

    return compare
