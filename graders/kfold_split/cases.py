"""kfold_split cases: `kfold_split(n_samples, n_splits, shuffle, rng)` and
`stratified_kfold_split(y, n_splits, shuffle, rng)`, each fold's (train, test) compared exactly.

Every case that shuffles passes `numpy_generator(seed)`, and most that do not pass one too: the
generator must end in the reference's state (one `rng.permutation(n_samples)`; one `rng.shuffle`
of each class's fold numbers, classes by first appearance; nothing drawn without shuffle). The
cases cover n divisible by k and not, k = 2, k = n (leave one out), the defaults, and every n_splits
they use with and without shuffle (the pairwise rule); for the stratified split, classes balanced
and not, a class smaller than k, labels that are neither 0..C-1 nor in sorted order of first
appearance, int32 labels.

Known-wrong solutions (tests/candidates/kfold_split/numpy/wrong_*.py), one bug each:
  wrong_last_fold_takes_the_remainder      n // k per fold, the last one takes all of n % k
  wrong_remainder_to_the_last_folds        the n % k larger folds at the end
  wrong_test_indices_unsorted              test = the permutation's slice, in drawn order
  wrong_train_unsorted                     train = the other folds' slices concatenated
  wrong_stratified_ignores_classes         stratified folds are plain k-fold folds
  wrong_global_numpy_random                np.random.permutation: the generator is never used
  wrong_classes_in_sorted_order            classes numbered by value, not by first appearance
  wrong_shuffles_the_samples_not_the_fold_numbers  one rng.permutation(len(y)), then stratified in that order
  wrong_accepts_one_fold                   n_splits = 1 returns one split with an empty train
"""
from __future__ import annotations

import numpy as np

from interviewkit.grader import (
    N_, Case, CheckFailed, Diagnosis, _, failure, given, integers, numpy_generator, sibling,
)

oracle = sibling(__file__, "oracle")


def labels(*values: int, dtype: str = "int64") -> given:
    return given(tuple(values), dtype=dtype)


def kfold_cases() -> list[Case]:
    return [
        Case("ten_samples_in_five_equal_folds", n_samples=10, n_splits=5, shuffle=False, rng=numpy_generator(1)),
        Case("thirteen_samples_the_first_three_folds_one_larger", n_samples=13, n_splits=5, shuffle=False,
             rng=numpy_generator(2)),
        Case("eleven_samples_in_four_folds", n_samples=11, n_splits=4, shuffle=False),
        Case("two_folds_of_an_odd_count", n_samples=7, n_splits=2, shuffle=False, rng=numpy_generator(3)),
        Case("leave_one_out", n_samples=6, n_splits=6, shuffle=False, rng=numpy_generator(4)),
        Case("the_defaults_five_folds_unshuffled", n_samples=12),
        Case("shuffled_equal_folds", n_samples=12, n_splits=4, shuffle=True, rng=numpy_generator(5)),
        Case("shuffled_unequal_folds", n_samples=23, n_splits=5, shuffle=True, rng=numpy_generator(6)),
        Case("shuffled_two_folds", n_samples=9, n_splits=2, shuffle=True, rng=numpy_generator(7)),
        Case("shuffled_leave_one_out", n_samples=6, n_splits=6, shuffle=True, rng=numpy_generator(8)),
        Case("shuffled_a_thousand_samples_in_seven_folds", n_samples=1000, n_splits=7, shuffle=True,
             rng=numpy_generator(9)),
        Case("a_thousand_samples_in_seven_folds", n_samples=1000, n_splits=7, shuffle=False, rng=numpy_generator(10)),
    ]


def stratified_cases() -> list[Case]:
    # Each class in a run of its own: plain k-fold folds would take whole runs, not a share of each.
    two = labels(0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1)
    balanced = labels(0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2)
    # First appearance 7, -1, 3 (not sorted); 6, 5 and 3 members: no count a multiple of k = 4.
    unsorted = labels(7, 7, -1, 3, 7, -1, 3, 3, 7, -1, 7, -1, 7, -1, -1, 7)
    # 9, 5 and 2 members with k = 3: the last class is smaller than k (scikit-learn warns; no error).
    unbalanced = labels(0, 0, 1, 0, 0, 2, 0, 1, 0, 0, 1, 0, 1, 2, 1, 0)
    return [
        Case("two_classes_in_two_folds", y=two, n_splits=2, shuffle=False,
             rng=numpy_generator(11)),
        Case("balanced_classes_divisible_by_k", y=balanced, n_splits=4,
             shuffle=False),
        Case("labels_not_in_sorted_order_of_appearance", y=unsorted, n_splits=4, shuffle=False,
             rng=numpy_generator(12)),
        Case("unbalanced_classes_one_smaller_than_k", y=unbalanced, n_splits=3, shuffle=False,
             rng=numpy_generator(13)),
        Case("one_class_leave_one_out", y=labels(4, 4, 4, 4, 4), n_splits=5, shuffle=False),
        Case("only_one_class_as_large_as_k", y=labels(5, 1, 1, 9, 1, 5, 9), n_splits=3, shuffle=False),
        Case("int32_labels_the_defaults", y=integers((40,), 0, 3, dtype="int32")),
        Case("shuffled_two_classes_in_two_folds", y=two, n_splits=2,
             shuffle=True, rng=numpy_generator(14)),
        Case("shuffled_balanced_classes", y=balanced, n_splits=4, shuffle=True,
             rng=numpy_generator(15)),
        Case("shuffled_labels_not_in_sorted_order", y=unsorted, n_splits=4, shuffle=True, rng=numpy_generator(16)),
        Case("shuffled_unbalanced_classes", y=unbalanced, n_splits=3, shuffle=True, rng=numpy_generator(17)),
        Case("shuffled_one_class_leave_one_out", y=labels(4, 4, 4, 4, 4), n_splits=5, shuffle=True,
             rng=numpy_generator(18)),
        Case("shuffled_two_hundred_samples_of_five_classes", y=integers((200,), -2, 3), n_splits=6, shuffle=True,
             rng=numpy_generator(19)),
        Case("two_hundred_samples_of_five_classes", y=integers((200,), -2, 3), n_splits=6, shuffle=False,
             rng=numpy_generator(20)),
    ]


def kfold_rejects() -> list[Case]:
    return [
        Case("one_fold", n_samples=5, n_splits=1, shuffle=False),
        Case("one_fold_shuffled", n_samples=5, n_splits=1, shuffle=True, rng=numpy_generator(21)),
        Case("more_folds_than_samples", n_samples=4, n_splits=5, shuffle=False),
        Case("more_folds_than_samples_shuffled", n_samples=4, n_splits=5, shuffle=True, rng=numpy_generator(22)),
    ]


def stratified_rejects() -> list[Case]:
    return [
        Case("one_fold", y=labels(0, 1, 0, 1), n_splits=1),
        Case("more_folds_than_samples", y=labels(0, 0, 0), n_splits=4),
        Case("every_class_smaller_than_k", y=labels(3, 1, 3, 2, 1, 2), n_splits=3),
    ]


def _indices(value: np.ndarray, limit: int = 12) -> str:
    shown = ", ".join(str(v) for v in value[:limit].tolist())
    return f"[{shown}{', …' if len(value) > limit else ''}] " + _("({count} indices)").format(count=len(value))


def _expect_side(got, want: np.ndarray, fold: int, side: str, advice: str) -> None:
    where = (_("fold {fold}'s train indices") if side == "train" else _("fold {fold}'s test indices")).format(fold=fold)
    if not isinstance(got, np.ndarray):
        raise CheckFailed(_("{where} are a {kind}; return NumPy arrays (np.flatnonzero, np.arange)").format(
            where=where, kind=type(got).__name__))
    if got.dtype != np.int64:
        raise CheckFailed(_("{where} have dtype {dtype}; return int64 index arrays (np.arange and np.flatnonzero give "
                            "them)").format(where=where, dtype=got.dtype))
    if got.ndim != 1:
        raise CheckFailed(_("{where} have shape {shape}; return 1-D index arrays").format(where=where, shape=got.shape))
    if np.array_equal(got, want):
        return
    if len(got) == len(want) and np.array_equal(np.sort(got), want):
        raise failure(_("{where} are the right ones in another order: {got}; return them sorted ascending, as "
                        "scikit-learn does").format(where=where, got=_indices(got)), "indices-unsorted")
    if advice:
        raise CheckFailed(_("{where} are {got}; the reference's are {want}; {advice}").format(
            where=where, got=_indices(got), want=_indices(want), advice=_(advice)))
    raise CheckFailed(_("{where} are {got}; the reference's are {want}").format(
        where=where, got=_indices(got), want=_indices(want)))


SHUFFLED = N_("this case shuffles: its folds follow from the pinned draws, one rng.permutation(n_samples) for "
              "kfold_split, one rng.shuffle of each class's fold numbers (classes by first appearance) for "
              "stratified_kfold_split, and nothing from np.random")


def compare_for(case: Case):
    """check_function's `compare` for `case`: expect_splits, with a word on the pinned draws where the
    case shuffles."""
    advice = SHUFFLED if case.inputs.get("shuffle") else ""

    def compare(actual, expected, like=None, condition=1.0):
        expect_splits(actual, expected, advice=advice)
    return compare


def expect_splits(actual, expected: list, *, advice: str = "") -> None:
    """A list of (train, test) pairs, each side the reference's exactly; `advice` ends a message whose
    indices differ from the reference's (not merely in order)."""
    if not isinstance(actual, (list, tuple)):
        raise CheckFailed(_("the result is {got}; return a list of (train, test) pairs (a list, not a generator: wrap "
                            "a generator in list(...))").format(got=f"{actual!r:.60}"))
    if len(actual) != len(expected):
        raise CheckFailed(_("the result holds {count} splits; expected n_splits = {expected}, one per fold").format(
            count=len(actual), expected=len(expected)))
    for fold, (pair, (train, test)) in enumerate(zip(actual, expected)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise CheckFailed(_("split {fold} is {got}; each split is a pair (train, test)").format(
                fold=fold, got=f"{pair!r:.60}"))
        _expect_side(pair[1], test, fold, "test", advice)
        _expect_side(pair[0], train, fold, "train", advice)


# --- diagnoses: the classic bugs wrong folds are recognised as (katas/kfold_split/hints.toml, [causes],
# explains each; the proofs' `# hint:` lines prove where each leads) ---------------------------------

def _kfold_with(larger_at_the_end: bool):
    """kfold_split with the n % k extra samples at the end: all in the last fold, or one in each of the last folds."""
    def variant(n_samples, n_splits=5, shuffle=False, rng=None):
        order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
        extra = n_samples % n_splits
        sizes = [n_samples // n_splits + (fold >= n_splits - extra if larger_at_the_end else 0)
                 for fold in range(n_splits)]
        sizes[-1] += 0 if larger_at_the_end else extra
        stops = np.cumsum(sizes)
        tests = [np.sort(order[stop - size:stop]) for size, stop in zip(sizes, stops)]
        return [(np.setdiff1d(np.arange(n_samples), test), test) for test in tests]
    return variant


def _stratified_with(bug: str):
    def variant(y, n_splits=5, shuffle=False, rng=None):
        y = np.asarray(y)
        if bug == "classes-ignored":
            return oracle.kfold_split(len(y), n_splits, shuffle, rng)
        shuffled = bug == "samples-shuffled-not-the-fold-numbers"
        order = rng.permutation(len(y)) if shuffle and shuffled else np.arange(len(y))
        classes = np.unique(y).tolist() if bug == "classes-in-sorted-order" else list(dict.fromkeys(y.tolist()))
        fold_of, start = np.empty(len(y), dtype=np.int64), 0
        for label in classes:
            members = order[y[order] == label]
            folds = np.sort(np.arange(start, start + len(members)) % n_splits)
            if shuffle and not shuffled:
                rng.shuffle(folds)
            fold_of[members] = folds
            start += len(members)
        return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(n_splits)]
    return variant


KFOLD_DIAGNOSES = tuple(Diagnosis("remainder-in-the-last-folds", _kfold_with(end)) for end in (False, True))
STRATIFIED_DIAGNOSES = tuple(Diagnosis(bug, _stratified_with(bug)) for bug in (
    "classes-ignored", "classes-in-sorted-order", "samples-shuffled-not-the-fold-numbers"))
