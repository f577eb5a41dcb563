"""metrics cases (numpy track) and how their results are compared.

roc_auc(y_true, scores): labels in {0, 1}, both present; scores float32 or float64. Ties between a
positive and a negative count one half (sklearn's roc_auc_score); float32 scores are compared by
the same float32 values in the oracle, so their ties are the same ties.
precision_recall_f1(y_true, y_pred, average="binary"): sklearn with zero_division=0; binary mode
scores the label 1, macro mode averages over the labels present in y_true or y_pred.
confusion_matrix(y_true, y_pred, num_classes): rows the true class, any integer dtype, exact.

Results are floats (a Python float, a NumPy float scalar or a 0-d float array), compared at
float64's tolerance: every metric here is a ratio of counts, which float64 holds to 1e-16.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interviewkit.grader import (
    Case, CheckFailed, Diagnosis, Expected, Recipe, _, expect_close, expect_equal, given, integers,
)


@dataclass(frozen=True)
class labels_of(Recipe):
    """`counts[c]` samples of each class c, in a random order: every class with a count is present."""

    counts: tuple[int, ...]
    dtype: str = "int64"

    def draw(self, rng):
        return rng.permutation(np.repeat(np.arange(len(self.counts)), self.counts))

    def code(self):
        return f"rng.permutation(np.repeat(np.arange({len(self.counts)}), {list(self.counts)!r}))"

    def describe(self):
        counts = ", ".join(_("{count} of class {label}").format(count=n, label=c) for c, n in enumerate(self.counts) if n)
        return _("{dtype} labels, {counts}, shuffled").format(dtype=self.dtype, counts=counts)


@dataclass(frozen=True)
class scores_for(Recipe):
    """N(shift * label, 1) scores for the given labels, rounded to a multiple of `step` (ties) if given."""

    labels: tuple[int, ...]
    shift: float
    step: float | None = None
    dtype: str = "float32"

    def draw(self, rng):
        values = rng.standard_normal(len(self.labels)) + self.shift * np.array(self.labels)
        return values if self.step is None else np.round(values / self.step) * self.step

    def code(self):
        values = f"rng.standard_normal({len(self.labels)}) + {self.shift!r} * np.array({list(self.labels)!r})"
        return values if self.step is None else f"np.round(({values}) / {self.step!r}) * {self.step!r}"

    def describe(self):
        shape, shift = f"({len(self.labels)},)", f"{self.shift:g}"
        if self.step is None:
            return _("{dtype} {shape} scores ~N({shift} * label, 1)").format(dtype=self.dtype, shape=shape, shift=shift)
        return _("{dtype} {shape} scores ~N({shift} * label, 1), rounded to multiples of {step}").format(
            dtype=self.dtype, shape=shape, shift=shift, step=f"{self.step:g}")


def shuffled(negatives: int, positives: int, seed: int = 0) -> tuple[int, ...]:
    """A fixed shuffled pattern of binary labels: scores_for needs the labels when the case is written."""
    return tuple(np.random.default_rng(seed).permutation([0] * negatives + [1] * positives).tolist())


def labels(*values, dtype="int64") -> given:
    return given(tuple(values), dtype=dtype)


MIXED = shuffled(18, 12)
ONE_POSITIVE = shuffled(14, 1, seed=1)
ONE_NEGATIVE = shuffled(1, 14, seed=2)


def roc_auc_cases() -> list[Case]:
    return [
        Case("scores_without_ties", y_true=labels(*MIXED), scores=scores_for(MIXED, 1.0, dtype="float64")),
        Case("scores_without_ties_in_float32", y_true=labels(*MIXED), scores=scores_for(MIXED, 1.0)),
        # Scores on a grid of 0.5: positives and negatives share values, each such pair counts 1/2.
        Case("scores_tied_across_classes", y_true=labels(*MIXED), scores=scores_for(MIXED, 0.8, 0.5, "float64")),
        Case("scores_tied_across_classes_in_float32", y_true=labels(*MIXED), scores=scores_for(MIXED, 0.8, 0.5)),
        # Positives 0.4, 0.8 against negatives 0.1, 0.4, 0.9: 3 wins, 1 tie, 2 losses, AUC (3 + 1/2) / 6.
        Case("a_single_tie_between_a_positive_and_a_negative",
             y_true=labels(0, 1, 0, 1, 0), scores=given((0.1, 0.4, 0.4, 0.8, 0.9), dtype="float64")),
        Case("all_scores_equal", y_true=labels(*MIXED), scores=given((0.25,) * len(MIXED))),
        Case("perfectly_separated_classes", y_true=labels(*MIXED), scores=scores_for(MIXED, 100.0)),
        Case("perfectly_inverted_classes", y_true=labels(*MIXED), scores=scores_for(MIXED, -100.0, dtype="float64")),
        # Ties inside each class only (steps of 1 around 0 and 100): the AUC is still exactly 1.
        Case("separated_classes_with_ties_inside_each", y_true=labels(*MIXED),
             scores=scores_for(MIXED, 100.0, 1.0, "float64")),
        # Five score levels for two hundred samples: a fifth of the pairs are ties.
        Case("integer_scores_with_many_ties", y_true=labels_of((120, 80)),
             scores=integers((200,), 0, 5, dtype="float64")),
        Case("random_scores_for_shuffled_labels", y_true=labels_of((70, 30)),
             scores=integers((100,), -1000, 1000, dtype="float32")),
        Case("positives_listed_first", y_true=labels(1, 1, 1, 1, 0, 0, 0, 0, 0),
             scores=given((0.9, 0.3, 0.5, 0.1, 0.2, 0.5, 0.4, 0.05, 0.95))),
        Case("one_positive_among_many", y_true=labels(*ONE_POSITIVE), scores=scores_for(ONE_POSITIVE, 1.5, 0.5)),
        Case("one_negative_among_many", y_true=labels(*ONE_NEGATIVE),
             scores=scores_for(ONE_NEGATIVE, 1.5, 0.5, "float64")),
        Case("two_samples_ranked_the_wrong_way", y_true=labels(1, 0), scores=given((0.2, 0.7))),
        Case("labels_in_int32", y_true=labels(*MIXED, dtype="int32"), scores=scores_for(MIXED, 0.5, 0.25)),
        Case("scores_with_a_strong_signal", y_true=labels(*MIXED), scores=scores_for(MIXED, 3.0, dtype="float64")),
    ]


def prf(name: str, y_true, y_pred, **average) -> Case:
    return Case(name, y_true=y_true, y_pred=y_pred, **average)


def precision_recall_f1_cases() -> list[Case]:
    return [
        # No `average`: the default is binary, the scores of the label 1.
        prf("binary_predictions", labels_of((22, 18)), labels_of((25, 15))),
        prf("binary_predictions_with_average_given", labels_of((22, 18)), labels_of((15, 25)), average="binary"),
        prf("binary_positive_class_never_predicted", labels_of((10, 6)), labels(*(0,) * 16)),
        prf("binary_no_positive_among_the_true_labels", labels(*(0,) * 16), labels_of((10, 6)), average="binary"),
        prf("binary_every_prediction_wrong", labels(0, 1, 1, 0, 1, 0, 0), labels(1, 0, 0, 1, 0, 1, 1)),
        prf("binary_perfect_predictions", labels(0, 1, 1, 0, 1, 0, 0), labels(0, 1, 1, 0, 1, 0, 0)),
        # Precision 1/2, recall 1/4: the harmonic mean is 1/3, the arithmetic mean 3/8.
        prf("binary_precision_and_recall_far_apart", labels(1, 1, 1, 1, 0, 0, 0, 0), labels(1, 0, 0, 0, 1, 0, 0, 0)),
        prf("binary_one_sample", labels(1), labels(1)),
        prf("binary_labels_in_int32", labels_of((9, 11), dtype="int32"), labels_of((12, 8), dtype="int32")),
        prf("two_classes_in_macro_mode", labels_of((20, 20)), labels_of((24, 16)), average="macro"),
        prf("five_classes_in_macro_mode", labels_of((8, 8, 8, 8, 8)), labels_of((12, 4, 8, 10, 6)), average="macro"),
        prf("five_classes_of_different_sizes", labels_of((20, 3, 9, 1, 7)), labels_of((14, 8, 9, 5, 4)),
            average="macro"),
        # Label 1 is predicted but never true: its recall is 0 / 0, counted 0, and it is averaged in.
        prf("macro_with_a_label_only_in_y_pred", labels_of((6, 0, 6, 6)), labels_of((5, 3, 5, 5)), average="macro"),
        # Label 1 is true but never predicted: its precision is 0 / 0, counted 0.
        prf("macro_with_a_label_never_predicted", labels_of((6, 6, 6)), labels_of((9, 0, 9)), average="macro"),
        # Labels 0, 2 and 5: 1, 3 and 4 are in neither array and do not count.
        prf("macro_with_labels_missing_between_present_ones", labels_of((6, 0, 6, 0, 0, 6)),
            labels_of((5, 0, 8, 0, 0, 5)), average="macro"),
        prf("macro_without_label_zero", labels(1, 2, 3, 3, 2, 1, 3), labels(1, 3, 3, 2, 2, 1, 1), average="macro"),
        prf("macro_one_sample", labels(2), labels(2), average="macro"),
        prf("macro_labels_in_int32", labels_of((5, 7, 6), dtype="int32"), labels_of((6, 6, 6), dtype="int32"),
            average="macro"),
        prf("many_samples_of_ten_classes", integers((1000,), 0, 10), integers((1000,), 0, 10), average="macro"),
    ]


def confusion_matrix_cases() -> list[Case]:
    return [
        Case("five_classes", y_true=labels_of((8, 8, 8, 8, 8)), y_pred=labels_of((12, 4, 8, 10, 6)), num_classes=5),
        Case("two_classes", y_true=labels_of((12, 8)), y_pred=labels_of((15, 5)), num_classes=2),
        # Labels 0 to 2 only, seven classes: rows and columns 3 to 6 are zero, the shape is (7, 7).
        Case("more_classes_than_labels_present", y_true=labels_of((5, 5, 5)), y_pred=labels_of((6, 4, 5)),
             num_classes=7),
        Case("a_class_only_predicted_and_one_only_true", y_true=labels_of((4, 4, 0, 4)),
             y_pred=labels_of((4, 4, 4, 0)), num_classes=4),
        Case("as_many_classes_as_samples", y_true=labels_of((1, 1, 1, 1, 1, 1)), y_pred=labels_of((2, 0, 1, 0, 3, 0)),
             num_classes=6),
        Case("one_sample", y_true=labels(2), y_pred=labels(0), num_classes=3),
        Case("no_samples", y_true=labels(), y_pred=labels(), num_classes=4),
        Case("one_class", y_true=labels(0, 0, 0), y_pred=labels(0, 0, 0), num_classes=1),
        Case("labels_in_int32", y_true=labels_of((3, 5, 4), dtype="int32"), y_pred=labels_of((4, 4, 4), dtype="int32"),
             num_classes=3),
        Case("many_samples_of_ten_classes", y_true=integers((1000,), 0, 10), y_pred=integers((1000,), 0, 10),
             num_classes=10),
    ]


FLOAT64 = Expected("numpy", "float64")


def _as_float(value, what: str) -> np.ndarray:
    """A Python float, a NumPy float scalar or a 0-d float array, as a 0-d float64 array."""
    is_float = isinstance(value, (float, np.floating)) or (
        isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind == "f")
    if not is_float:
        if isinstance(value, np.ndarray):
            raise CheckFailed(_("{what}: got an array of shape {shape} and dtype {dtype}, expected a float: return "
                                "float(...) of a 0-d result").format(what=what, shape=value.shape, dtype=value.dtype))
        raise CheckFailed(_("{what}: got a {type} ({value}), expected a float: return float(...) of a 0-d result").format(
            what=what, type=type(value).__name__, value=f"{value!r:.40}"))
    return np.asarray(value, dtype=np.float64)


def _expect_float(value, expected, what: str) -> None:
    got = _as_float(value, what)
    try:
        expect_close(got, np.float64(expected), FLOAT64, what)
    except CheckFailed as failure:
        if getattr(value, "dtype", None) != np.float32:
            raise
        raise CheckFailed(_("{what} is a float32, off by its rounding: compute the ratio in float64").format(what=what)
                          + f"\n{failure}") from None


def expect_auc(actual, expected, like: Expected, condition: float = 1.0) -> None:
    """check_function's `compare` for roc_auc: one float, at float64's tolerance."""
    _expect_float(actual, expected, "AUC")


def expect_scores(actual, expected, like: Expected, condition: float = 1.0) -> None:
    """check_function's `compare` for precision_recall_f1: (precision, recall, f1), three floats."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 3:
        raise CheckFailed(_("expected a tuple (precision, recall, f1), got {got}").format(got=f"{actual!r:.80}"))
    for value, want, what in zip(actual, expected, (_("precision"), _("recall"), "F1")):
        _expect_float(value, want, what)


def expect_counts(actual, expected: np.ndarray, like: Expected, condition: float = 1.0) -> None:
    """check_function's `compare` for confusion_matrix: an integer array, exactly the counts."""
    if isinstance(actual, np.ndarray) and actual.shape == expected.shape and actual.dtype.kind not in "iu":
        raise CheckFailed(_("the confusion matrix has dtype {dtype}, expected an integer dtype: counts are whole "
                            "numbers (np.zeros((C, C), dtype=np.int64), or np.bincount)").format(dtype=actual.dtype))
    dtype = str(actual.dtype) if isinstance(actual, np.ndarray) else "int64"
    expect_equal(actual, expected, Expected("numpy", dtype), _("confusion matrix"))


# --- diagnoses: the classic bugs a failing result is recognised as (katas/metrics/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _auc_with_ties_worth(tie: float):
    def variant(y_true, scores):
        y_true, scores = y_true.numpy(), scores.numpy()
        positives, negatives = scores[y_true == 1][:, None], scores[y_true == 0][None, :]
        wins = (positives > negatives).sum() + tie * (positives == negatives).sum()
        return np.float64(wins / (positives.size * negatives.size))
    return variant


def _scores(labels: str = "union", f1: str = "harmonic"):
    """precision_recall_f1 with macro mode over other labels, or F1 taken another way."""
    def variant(y_true, y_pred, average="binary"):
        y_true, y_pred = y_true.numpy(), y_pred.numpy()
        if average == "binary":
            chosen = np.array([1])
        else:
            chosen = {"union": np.union1d(y_true, y_pred), "true": np.unique(y_true),
                      "up-to-the-largest": np.arange(max(y_true.max(), y_pred.max()) + 1)}[labels]
        predicted, actual = y_pred[:, None] == chosen, y_true[:, None] == chosen
        tp = (predicted & actual).sum(0)
        precision, recall = tp / np.maximum(predicted.sum(0), 1), tp / np.maximum(actual.sum(0), 1)
        if f1 == "of-the-means":
            p, r = precision.mean(), recall.mean()
            return p, r, np.float64(2 * p * r / (p + r) if p + r else 0.0)
        per_label = (precision + recall) / 2 if f1 == "arithmetic" else \
            np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-300), 0.0)
        return precision.mean(), recall.mean(), per_label.mean()
    return variant


AUC_DIAGNOSES = (Diagnosis("ties-count-zero", _auc_with_ties_worth(0.0)),
                 Diagnosis("ties-count-one", _auc_with_ties_worth(1.0)))
SCORE_DIAGNOSES = (
    # first: on two classes the arithmetic mean of each label's p and r can give the same F1
    Diagnosis("macro-f1-of-the-mean-precision-and-recall", _scores(f1="of-the-means")),
    Diagnosis("f1-arithmetic-mean", _scores(f1="arithmetic")),
    Diagnosis("macro-over-the-true-labels-only", _scores(labels="true")),
    Diagnosis("macro-over-every-label-up-to-the-largest", _scores(labels="up-to-the-largest")),
)
COUNT_DIAGNOSES = (Diagnosis("confusion-matrix-transposed", lambda y_true, y_pred, num_classes: np.bincount(
    y_pred.numpy() * num_classes + y_true.numpy(), minlength=num_classes**2).reshape(num_classes, num_classes)),)
