import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    # Mann-Whitney U: the rank sum of the positives, less the smallest it could be, over all pairs.
    positive = y_true == 1
    n_pos = int(positive.sum())
    n_neg = len(y_true) - n_pos
    _, group, counts = np.unique(scores, return_inverse=True, return_counts=True)
    # Tied scores share the mean of the ranks they span: that is what counts a tie as one half.
    mean_rank = np.cumsum(counts) - (counts - 1) / 2
    ranks = mean_rank[group]
    u = ranks[positive].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Counts: a zero denominator has a zero numerator, so 0 / max(0, 1) gives zero_division=0."""
    return numerator / np.maximum(denominator, 1)


def precision_recall_f1(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary") -> tuple[float, float, float]:
    if average == "binary":
        labels = np.array([1])
    elif average == "macro":
        labels = np.union1d(y_true, y_pred)  # the labels present, in either array
    else:
        raise ValueError(f"average must be 'binary' or 'macro', got {average!r}")
    predicted = y_pred[:, None] == labels  # (N, L)
    actual = y_true[:, None] == labels
    tp = (predicted & actual).sum(axis=0)
    fp = predicted.sum(axis=0) - tp
    fn = actual.sum(axis=0) - tp
    precision = _divide(tp, tp + fp)
    recall = _divide(tp, tp + fn)
    f1 = _divide(2 * tp, 2 * tp + fp + fn)  # the harmonic mean of precision and recall
    return float(precision.mean()), float(recall.mean()), float(f1.mean())


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    # Each (true, predicted) pair gets its own bin: true * C + predicted, row-major.
    pairs = y_true.astype(np.int64) * num_classes + y_pred
    return np.bincount(pairs, minlength=num_classes * num_classes).reshape(num_classes, num_classes)
