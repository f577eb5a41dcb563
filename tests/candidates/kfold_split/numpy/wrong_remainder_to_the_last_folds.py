"""The n % k folds one larger are the last ones, not the first."""
# expect-fail: kfold_split[thirteen_*] kfold_split[eleven_*] kfold_split[two_folds_of_an_odd_count] kfold_split[shuffled_unequal_folds]
# hint: fold-sizes-and-sorting
import numpy as np


def kfold_split(n_samples, n_splits=5, shuffle=False, rng=None):
    if n_splits < 2 or n_splits > n_samples:
        raise ValueError(f"n_splits must be between 2 and {n_samples}, got {n_splits}")
    order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
    sizes = [n_samples // n_splits + (1 if fold >= n_splits - n_samples % n_splits else 0) for fold in range(n_splits)]
    splits, start = [], 0
    for size in sizes:
        test = np.sort(order[start:start + size])
        train = np.sort(np.concatenate([order[:start], order[start + size:]]))
        splits.append((train, test))
        start += size
    return splits


def stratified_kfold_split(y, n_splits=5, shuffle=False, rng=None):
    y = np.asarray(y)
    if n_splits < 2 or n_splits > len(y):
        raise ValueError(f"n_splits must be between 2 and {len(y)}, got {n_splits}")
    classes = list(dict.fromkeys(y.tolist()))  # in order of first appearance
    counts = [int(np.sum(y == label)) for label in classes]
    if max(counts) < n_splits:
        raise ValueError(f"every class has fewer than n_splits={n_splits} members")
    fold_of = np.empty(len(y), dtype=np.int64)
    start = 0
    for label, count in zip(classes, counts):
        # Dealt round robin, this class's positions start .. start + count - 1 land in folds position % k.
        folds = np.sort(np.arange(start, start + count) % n_splits)
        if shuffle:
            rng.shuffle(folds)
        fold_of[y == label] = folds
        start += count
    return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(n_splits)]
