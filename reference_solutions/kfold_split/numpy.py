import numpy as np


def kfold_split(n_samples: int, n_splits: int = 5, shuffle: bool = False,
                rng: np.random.Generator | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    _check_n_splits(n_samples, n_splits)
    order = _generator(rng).permutation(n_samples) if shuffle else np.arange(n_samples)
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[:n_samples % n_splits] += 1  # the first n % k folds take one more
    fold_of = np.empty(n_samples, dtype=np.int64)
    fold_of[order] = np.repeat(np.arange(n_splits), sizes)  # consecutive runs of `order`
    return _splits(fold_of, n_splits)


def stratified_kfold_split(y: np.ndarray, n_splits: int = 5, shuffle: bool = False,
                           rng: np.random.Generator | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    _check_n_splits(len(y), n_splits)
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    # Number the classes by first appearance, as scikit-learn does: the allocation depends on it.
    classes = np.argsort(np.argsort(first))[inverse.ravel()]
    counts = np.bincount(classes)
    if np.all(counts < n_splits):
        raise ValueError(f"n_splits={n_splits} is more than the members of every class ({counts.max()} at most)")
    # Deal the samples, sorted by class, round robin over the folds: fold f gets positions f, f + k, ...
    dealt = np.sort(classes)
    allocation = np.array([np.bincount(dealt[fold::n_splits], minlength=len(counts)) for fold in range(n_splits)])
    fold_of = np.empty(len(y), dtype=np.int64)
    for c in range(len(counts)):
        folds = np.repeat(np.arange(n_splits), allocation[:, c])  # blocks: 0, 0, 1, 1, 2, ...
        if shuffle:
            _generator(rng).shuffle(folds)
        fold_of[classes == c] = folds  # the class's samples in index order
    return _splits(fold_of, n_splits)


def _check_n_splits(n_samples: int, n_splits: int) -> None:
    if n_splits < 2 or n_splits > n_samples:
        raise ValueError(f"n_splits must be between 2 and n_samples={n_samples}, got {n_splits}")


def _generator(rng: np.random.Generator | None) -> np.random.Generator:
    return np.random.default_rng() if rng is None else rng


def _splits(fold_of: np.ndarray, n_splits: int) -> list[tuple[np.ndarray, np.ndarray]]:
    # np.flatnonzero returns ascending int64 indices, as scikit-learn's split does.
    return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(n_splits)]
