"""The oracle of the kfold_split grader, written apart from the reference: KFold's slices of the
(shuffled) order, and StratifiedKFold's allocation in closed form. Both draw from `rng` exactly as
the contract pins (tests/test_sklearn_kfold.py holds them to scikit-learn, with a RandomState in
place of the Generator for the shuffled folds)."""
from __future__ import annotations

import numpy as np


def kfold_split(n_samples, n_splits=5, shuffle=False, rng=None):
    order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
    sizes = [n_samples // n_splits + (fold < n_samples % n_splits) for fold in range(n_splits)]
    stops = np.cumsum(sizes)
    tests = [np.sort(order[stop - size:stop]) for size, stop in zip(sizes, stops)]
    return [(np.setdiff1d(np.arange(n_samples), test), test) for test in tests]


def stratified_kfold_split(y, n_splits=5, shuffle=False, rng=None):
    y = np.asarray(y)
    fold_of = np.empty(len(y), dtype=np.int64)
    start = 0  # where the class begins among the samples sorted by class (classes by first appearance)
    for label in dict.fromkeys(y.tolist()):
        members = np.flatnonzero(y == label)
        # Dealt round robin, the positions start, ..., start + count - 1 go to folds position % k.
        folds = np.sort(np.arange(start, start + len(members)) % n_splits)
        if shuffle:
            rng.shuffle(folds)
        fold_of[members] = folds
        start += len(members)
    return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(n_splits)]
