"""Correct: every sample's fold number, then boolean masks; the stratified allocation counted fold by
fold from the class-sorted deal, the shuffles drawn with rng.shuffle(np.arange(n)) and
rng.permutation(folds) (the same draws as rng.permutation(n) and rng.shuffle(folds))."""
import numpy as np


def _splits(fold_of, n_splits):
    index = np.arange(len(fold_of))
    return [(index[fold_of != fold], index[fold_of == fold]) for fold in range(n_splits)]


def kfold_split(n_samples, n_splits=5, shuffle=False, rng=None):
    if not 2 <= n_splits <= n_samples:
        raise ValueError(f"need 2 <= n_splits <= {n_samples}, got {n_splits}")
    order = np.arange(n_samples)
    if shuffle:
        rng.shuffle(order)
    small, extra = divmod(n_samples, n_splits)
    fold_of = np.zeros(n_samples, dtype=np.int64)
    position = 0
    for fold in range(n_splits):
        size = small + 1 if fold < extra else small
        fold_of[order[position:position + size]] = fold
        position += size
    return _splits(fold_of, n_splits)


def stratified_kfold_split(y, n_splits=5, shuffle=False, rng=None):
    y = np.asarray(y)
    if not 2 <= n_splits <= len(y):
        raise ValueError(f"need 2 <= n_splits <= {len(y)}, got {n_splits}")
    seen = {}
    for label in y.tolist():
        seen.setdefault(label, len(seen))
    code = np.array([seen[label] for label in y.tolist()], dtype=np.int64)
    counts = np.bincount(code, minlength=len(seen))
    if counts.max() < n_splits:
        raise ValueError(f"no class has n_splits={n_splits} members")
    dealt = np.sort(code)
    fold_of = np.zeros(len(y), dtype=np.int64)
    for c in range(len(seen)):
        per_fold = [int(np.sum(dealt[fold::n_splits] == c)) for fold in range(n_splits)]
        folds = np.repeat(np.arange(n_splits), per_fold)
        if shuffle:
            folds = rng.permutation(folds)
        fold_of[code == c] = folds
    return _splits(fold_of, n_splits)
