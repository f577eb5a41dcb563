"""knn cases and the float64 oracle: `knn_predict(X_train, y_train, X_test, k, task)`.

Labels are compared exactly, so no case may hinge on rounding. Where neighbours tie in distance
(duplicate training points, test points on a lattice), the features lie on a grid of binary
fractions: every difference, square and sum is then exact in float32 and float64, whatever formula
computes it (differences, or |x|² - 2x·y + |y|²), and equal distances come out equal. The cases
of points in general position draw continuous features, whose distances are all different.

Known-wrong solutions (tests/candidates/knn/numpy/wrong_*.py), one bug each:
  wrong_unstable_argsort               np.argsort's default sort: equal distances in no defined order
  wrong_vote_tie_to_the_largest_label  counts sorted, the last taken: a tie goes to the largest label
  wrong_counter_most_common            Counter.most_common: a tie goes to the nearest of the tied labels
  wrong_manhattan_distance             |x - y| summed: the L1 distance, not the Euclidean
  wrong_bincount_labels_are_int64      np.bincount(row).argmax(): right labels, int64 whatever y_train's dtype
  wrong_one_neighbour_too_many         [:, :k + 1]
  wrong_expanded_distances_in_float32  |x|² - 2x·y + |y|² in float32: cancellation far from the origin
  wrong_regress_mean_cast_to_the_targets_dtype  integer targets: the mean truncated to an integer
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import (
    Case, Diagnosis, Expected, Recipe, _, expect_close, expect_equal, failure, given, integers, normal,
)


@dataclass(frozen=True)
class grid(Recipe):
    """Points on a grid: integer multiples of `step` in [low, high) steps, plus `offset`."""

    shape: tuple[int, int]
    low: int
    high: int
    step: float = 1.0
    offset: float = 0.0
    dtype: str = "float32"

    def draw(self, rng):
        return rng.integers(self.low, self.high, self.shape) * self.step + self.offset

    def code(self):
        offset = f" + {self.offset!r}" if self.offset else ""
        return f"rng.integers({self.low}, {self.high}, {self.shape}) * {self.step!r}{offset}"

    def describe(self):
        values = dict(dtype=self.dtype, shape=self.shape, step=f"{self.step:g}", low=f"{self.low * self.step:g}",
                      high=f"{self.high * self.step:g}", offset=f"{self.offset:g}")
        if self.offset:
            return _("{dtype} {shape} on a grid of {step} in [{low}, {high}), shifted by {offset}").format(**values)
        return _("{dtype} {shape} on a grid of {step} in [{low}, {high})").format(**values)


@dataclass(frozen=True)
class repeated_points(Recipe):
    """`count` rows drawn (with repeats) from `distinct` integer points in [0, span)^dimension."""

    count: int
    distinct: int
    dimension: int
    span: int
    dtype: str = "float32"

    def draw(self, rng):
        pool = rng.integers(0, self.span, (self.distinct, self.dimension))
        return pool[rng.integers(0, self.distinct, self.count)]

    def lines(self, name):
        pool = f"{name}_distinct"
        return [f"{pool} = rng.integers(0, {self.span}, ({self.distinct}, {self.dimension}))",
                f"{name} = {pool}[rng.integers(0, {self.distinct}, {self.count})].astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} ({count}, {dimension}): {distinct} distinct integer points, repeated").format(
            dtype=self.dtype, count=self.count, dimension=self.dimension, distinct=self.distinct)


@dataclass(frozen=True)
class lattice(Recipe):
    """Every point of the side × side integer lattice, once each, in a random order."""

    side: int
    dtype: str = "float32"

    def draw(self, rng):
        points = np.indices((self.side, self.side)).reshape(2, -1).T
        return points[rng.permutation(len(points))]

    def lines(self, name):
        return [f"{name} = np.indices(({self.side}, {self.side})).reshape(2, -1).T",
                f"{name} = {name}[rng.permutation({self.side * self.side})].astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} ({count}, 2): the {side}×{side} integer lattice, shuffled").format(
            dtype=self.dtype, count=self.side * self.side, side=self.side)


@dataclass(frozen=True)
class labels(Recipe):
    """`count` labels drawn uniformly from `values`."""

    count: int
    values: tuple[int, ...]
    dtype: str = "int64"

    def draw(self, rng):
        return rng.choice(np.array(self.values), self.count)

    def code(self):
        return f"rng.choice(np.array({list(self.values)!r}), {self.count})"

    def describe(self):
        return _("{dtype} ({count},) labels from {values}").format(
            dtype=self.dtype, count=self.count, values=repr(list(self.values)))


def points(*rows, dtype="float32") -> given:
    return given(tuple(tuple(float(v) for v in row) for row in rows), dtype=dtype)


def knn_case(name: str, X_train, y_train, X_test, k: int, task: str = "classify") -> Case:
    return Case(name, X_train=X_train, y_train=y_train, X_test=X_test, k=k, task=task)


# Eight points on a line with hand-chosen labels, and test points placed so that no two of their
# neighbours tie in distance: only the vote can tie. At 0.1 the four nearest vote 7, 3, 7, 3 (the
# nearest is a 7, the largest label 7, the answer 3); at 5.9 the three nearest vote 9, 5, 1.
LINE = points(*[(x,) for x in range(8)])
LINE_LABELS = given((7, 3, 7, 3, 5, 5, 9, 1), dtype="int64")
# The statement's example.
EXAMPLE_TRAIN = points((0, 0), (1, 0), (0, 1), (3, 3), (4, 3), (3, 4), dtype="float64")
EXAMPLE_TEST = points((0.2, 0.2), (3.5, 3), (2, 2), dtype="float64")


def classify_cases() -> list[Case]:
    return [
        knn_case("example_from_the_statement", EXAMPLE_TRAIN, given((2, 2, 5, 5, 2, 5), dtype="int64"),
                 EXAMPLE_TEST, 3),
        knn_case("three_classes_in_general_position", normal((40, 3), dtype="float64"), labels(40, (0, 1, 2)),
                 normal((15, 3), dtype="float64"), 5),
        knn_case("float32_features", normal((50, 4)), labels(50, (0, 1, 2, 3)), normal((20, 4)), 7),
        knn_case("four_nearest_votes_tie_to_the_smallest_label", LINE, LINE_LABELS,
                 points((0.1,), (2.1,), (3.9,), (5.6,), (6.9,)), 4),
        knn_case("three_nearest_votes_tie_to_the_smallest_label", points(*[(x,) for x in range(8)], dtype="float64"),
                 LINE_LABELS, points((0.9,), (3.1,), (4.6,), (5.9,), (6.1,), dtype="float64"), 3),
        knn_case("duplicate_training_points", repeated_points(60, 8, 3, 4), labels(60, (0, 1, 2, 3)),
                 grid((20, 3), 0, 4), 5),
        knn_case("duplicate_training_points_k_even", repeated_points(48, 6, 2, 3, dtype="float64"),
                 labels(48, (1, 2, 4)), grid((20, 2), 0, 3, dtype="float64"), 6),
        knn_case("test_points_on_a_lattice", lattice(6), labels(36, (0, 1, 2)), grid((30, 2), 0, 11, step=0.5), 3),
        knn_case("test_points_on_a_lattice_k_even", lattice(5, dtype="float64"), labels(25, (0, 1)),
                 grid((30, 2), 0, 9, step=0.5, dtype="float64"), 4),
        knn_case("ties_with_many_equal_votes", repeated_points(80, 10, 2, 3), labels(80, (0, 1, 2, 3, 4, 5)),
                 grid((25, 2), 0, 5, step=0.5), 8),
        knn_case("k_equal_to_one", normal((30, 3), dtype="float64"), labels(30, (0, 1, 2, 3)),
                 normal((12, 3), dtype="float64"), 1),
        knn_case("k_equal_to_one_with_duplicates", repeated_points(40, 5, 2, 4), labels(40, (0, 1, 2)),
                 grid((15, 2), 0, 4), 1),
        knn_case("k_equal_to_the_number_of_training_points", normal((9, 2)), labels(9, (0, 1, 2)), normal((6, 2)), 9),
        # Three labels, three points each: every vote over all of them is a three-way tie.
        knn_case("k_equal_to_n_with_tied_counts", normal((9, 2), dtype="float64"),
                 given((4, 1, 7, 7, 4, 1, 1, 7, 4), dtype="int64"), normal((4, 2), dtype="float64"), 9),
        knn_case("k_equal_to_the_number_of_features", normal((30, 5), dtype="float64"), labels(30, (0, 1, 2)),
                 normal((10, 5), dtype="float64"), 5),
        knn_case("as_many_test_points_as_training_points", normal((12, 3), dtype="float64"), labels(12, (0, 1, 2)),
                 normal((12, 3), dtype="float64"), 3),
        # N == D and M == D: X_train or X_test read transposed keeps the distance matrix's shape.
        knn_case("as_many_features_as_training_points", normal((6, 6), dtype="float64"), labels(6, (0, 1, 2)),
                 normal((9, 6), dtype="float64"), 3),
        knn_case("as_many_features_as_test_points", normal((25, 4)), labels(25, (0, 1, 2)), normal((4, 4)), 5),
        knn_case("a_single_test_point", normal((20, 4)), labels(20, (0, 1, 2)), normal((1, 4)), 5),
        knn_case("a_single_training_point", normal((1, 3), dtype="float64"), given((6,), dtype="int64"),
                 normal((4, 3), dtype="float64"), 1),
        knn_case("one_feature", normal((25, 1), dtype="float64"), labels(25, (0, 1)), normal((10, 1), dtype="float64"),
                 3),
        knn_case("integer_features", integers((40, 3), 0, 6), labels(40, (0, 1, 2)), integers((20, 3), 0, 6), 4),
        knn_case("labels_not_starting_at_zero", normal((30, 2), dtype="float64"), labels(30, (3, 4, 5)),
                 normal((12, 2), dtype="float64"), 5),
        knn_case("non_contiguous_labels", repeated_points(50, 8, 2, 4), labels(50, (2, 9, 40)), grid((20, 2), 0, 4),
                 4),
        knn_case("a_label_missing_from_every_neighbourhood", points((0, 0), (0, 1), (1, 0), (9, 9)),
                 given((5, 5, 8, 0), dtype="int64"), points((0.2, 0.3), (0.9, 0.1)), 2),
        knn_case("int32_labels", normal((30, 3), dtype="float64"), labels(30, (0, 1, 2), dtype="int32"),
                 normal((10, 3), dtype="float64"), 3),
        knn_case("int32_labels_with_ties", lattice(5), labels(25, (1, 3, 6), dtype="int32"),
                 grid((20, 2), 0, 9, step=0.5), 4),
        # |x|² is about 6e6 here, beyond float32's 24 bits at a grid of 1/4: only differences stay exact.
        knn_case("features_far_from_the_origin", grid((60, 6), 0, 16, step=0.25, offset=1000.0),
                 labels(60, (0, 1, 2)), grid((20, 6), 0, 16, step=0.25, offset=1000.0), 5),
        knn_case("many_training_points", normal((300, 6), dtype="float64"), labels(300, (0, 1, 2, 3, 4)),
                 normal((40, 6), dtype="float64"), 11),
    ]


def regress_cases() -> list[Case]:
    return [
        knn_case("regress_float_targets", normal((40, 3), dtype="float64"), normal((40,), dtype="float64"),
                 normal((15, 3), dtype="float64"), 5, "regress"),
        knn_case("regress_float32_features", normal((40, 4)), normal((40,), 3.0, 1.0, dtype="float64"),
                 normal((15, 4)), 6, "regress"),
        knn_case("regress_float32_targets", normal((30, 2), dtype="float64"), normal((30,)),
                 normal((10, 2), dtype="float64"), 4, "regress"),
        knn_case("regress_integer_targets", normal((30, 3), dtype="float64"), integers((30,), 0, 50),
                 normal((12, 3), dtype="float64"), 4, "regress"),
        knn_case("regress_integer_features", integers((40, 2), 0, 5), normal((40,), dtype="float64"),
                 integers((15, 2), 0, 5), 3, "regress"),
        knn_case("regress_with_duplicate_training_points", repeated_points(50, 7, 2, 4),
                 normal((50,), dtype="float64"), grid((20, 2), 0, 4), 5, "regress"),
        knn_case("regress_on_a_lattice", lattice(6, dtype="float64"), normal((36,), dtype="float64"),
                 grid((25, 2), 0, 11, step=0.5, dtype="float64"), 2, "regress"),
        knn_case("regress_k_equal_to_one", normal((25, 3), dtype="float64"), normal((25,), dtype="float64"),
                 normal((10, 3), dtype="float64"), 1, "regress"),
        knn_case("regress_k_equal_to_n", normal((8, 2), dtype="float64"), normal((8,), dtype="float64"),
                 normal((5, 2), dtype="float64"), 8, "regress"),
        knn_case("regress_k_equal_to_the_number_of_features", normal((30, 4), dtype="float64"),
                 normal((30,), dtype="float64"), normal((10, 4), dtype="float64"), 4, "regress"),
        knn_case("regress_a_single_test_point", normal((20, 3)), normal((20,), dtype="float64"), normal((1, 3)), 3,
                 "regress"),
        knn_case("regress_far_from_the_origin", grid((50, 6), 0, 16, step=0.25, offset=1000.0),
                 normal((50,), dtype="float64"), grid((20, 6), 0, 16, step=0.25, offset=1000.0), 4, "regress"),
    ]


# A larger case, for timing only: two thousand training points, two hundred test points, sixteen
# features (a Python loop over the pairs then takes seconds, the broadcast below 0.2 s).
TIMING_CASE = knn_case("two_thousand_training_points", normal((2000, 16)), labels(2000, (0, 1, 2, 3, 4, 5)),
                       normal((200, 16)), 15)


def reference_knn(X_train: torch.Tensor, y_train: torch.Tensor, X_test: torch.Tensor, k: int,
                  task: str = "classify") -> torch.Tensor:
    """Squared Euclidean distances from differences, in float64 (exact on the grid cases, and ranked
    as the distances are), a stable sort (ties to the lower index), then the vote or the mean."""
    train, test = X_train.to(torch.float64), X_test.to(torch.float64)
    squared = ((test[:, None, :] - train[None, :, :]) ** 2).sum(dim=-1)
    nearest = torch.sort(squared, dim=1, stable=True).indices[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.to(torch.float64).mean(dim=1)
    values = torch.unique(y_train)  # sorted ascending
    votes = (neighbours[:, :, None] == values).sum(dim=1)
    return values[torch.argmax(votes, dim=1)]  # the first of the largest counts: the smallest label


def prediction_dtype(case: Case) -> str:
    """What the contract says the result's dtype is, from the case's recipe (the oracle sees
    float64 copies): y_train's for labels and float targets, float64 for the mean of integers."""
    targets = case.inputs["y_train"].dtype
    if case.inputs["task"] == "regress" and not targets.startswith("float"):
        return "float64"
    return targets


def expect_prediction(case: Case):
    """check_function's `compare` for one case: labels exactly, means within their dtype's tolerance."""
    dtype = prediction_dtype(case)
    like = Expected("numpy", dtype)

    def compare(actual, expected, _like, condition=1.0):
        got = str(getattr(actual, "dtype", ""))
        if isinstance(actual, np.ndarray) and got != dtype and actual.shape == tuple(expected.shape):
            message = (_("predictions have dtype {got}, expected {dtype}: the predicted labels keep y_train's dtype: "
                         "take them from y_train (y_train[index]) or cast with .astype(y_train.dtype)")
                       if case.inputs["task"] == "classify" else
                       _("predictions have dtype {got}, expected {dtype}: the mean of the targets has np.mean's "
                         "dtype: y_train's for float targets, float64 for integer ones (no cast back to an integer)"))
            raise failure(message.format(got=got, dtype=dtype), "result-dtype")
        if case.inputs["task"] == "classify":
            expect_equal(actual, expected, like, _("predicted labels"))
        else:
            expect_close(actual, expected, like, _("predicted means"), condition=condition)

    return compare


# --- diagnoses: the classic bugs a wrong prediction is recognised as (katas/knn/hints.toml, [causes],
# explains each; the proofs' `# hint:` lines prove where each leads) ----------------------------------

def _knn_with(bug: str):
    """reference_knn with one classic bug."""
    def variant(X_train, y_train, X_test, k, task="classify"):
        differences = X_test.to(torch.float64)[:, None, :] - X_train.to(torch.float64)[None, :, :]
        distances = differences.abs().sum(dim=-1) if bug == "manhattan-distance" else (differences ** 2).sum(dim=-1)
        nearest = torch.sort(distances, dim=1, stable=True).indices[:, :k + (bug == "one-neighbour-too-many")]
        neighbours = y_train[nearest]
        if task == "regress":
            return neighbours.to(torch.float64).mean(dim=1)
        if bug == "vote-tie-to-the-nearest-label":  # Counter.most_common: the first seen of the tied labels
            counts = (neighbours[:, :, None] == neighbours[:, None, :]).sum(dim=2)
            first = torch.argmax((counts == counts.max(dim=1, keepdim=True).values).to(torch.int8), dim=1)
            return neighbours[torch.arange(len(neighbours)), first]
        values = torch.unique(y_train)
        votes = (neighbours[:, :, None] == values).sum(dim=1)
        if bug == "vote-tie-to-the-largest-label":
            return values[len(values) - 1 - torch.argmax(votes.flip(1), dim=1)]
        return values[torch.argmax(votes, dim=1)]
    return variant


DIAGNOSES = tuple(Diagnosis(bug, _knn_with(bug)) for bug in (
    "manhattan-distance", "one-neighbour-too-many", "vote-tie-to-the-nearest-label", "vote-tie-to-the-largest-label"))
