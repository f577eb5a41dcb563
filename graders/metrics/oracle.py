"""The float64 oracles of metrics, written from the definitions and on purpose unlike the reference
(which ranks): roc_auc counts every (positive, negative) pair, precision and recall count each
label's hits in a loop, the confusion matrix is tallied one sample at a time. They take the
grader's float64 torch tensors (integer labels stay integers). Graders may not need scikit-learn:
these were checked against it once, by hand, outside the grader."""
from __future__ import annotations

import numpy as np


def _numpy(value) -> np.ndarray:
    return value.numpy() if hasattr(value, "numpy") else np.asarray(value)


def roc_auc(y_true, scores) -> np.float64:
    """P(a random positive scores above a random negative), a tie counting one half."""
    y_true, scores = _numpy(y_true), _numpy(scores).astype(np.float64)
    positives, negatives = scores[y_true == 1], scores[y_true == 0]
    above = (positives[:, None] > negatives[None, :]).sum()
    tied = (positives[:, None] == negatives[None, :]).sum()
    return np.float64((above + 0.5 * tied) / (len(positives) * len(negatives)))


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0  # zero_division=0


def precision_recall_f1(y_true, y_pred, average="binary") -> tuple[np.float64, np.float64, np.float64]:
    """sklearn's precision_recall_fscore_support(..., zero_division=0): the label 1 alone in binary
    mode, the unweighted mean over the labels of y_true or y_pred in macro mode."""
    y_true, y_pred = _numpy(y_true).tolist(), _numpy(y_pred).tolist()
    labels = [1] if average == "binary" else sorted(set(y_true) | set(y_pred))
    per_label = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(y_true, y_pred))
        fp = sum(t != label and p == label for t, p in zip(y_true, y_pred))
        fn = sum(t == label and p != label for t, p in zip(y_true, y_pred))
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_label.append((precision, recall, f1))
    return tuple(np.float64(sum(column) / len(labels)) for column in zip(*per_label))


def confusion_matrix(y_true, y_pred, num_classes) -> np.ndarray:
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    for true, predicted in zip(_numpy(y_true).tolist(), _numpy(y_pred).tolist()):
        counts[true, predicted] += 1
    return counts
