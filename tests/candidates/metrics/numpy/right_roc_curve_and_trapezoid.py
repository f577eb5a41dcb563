"""Right: the ROC curve itself, one point per distinct threshold (a run of tied scores is one
diagonal step, whose trapezoid counts its pairs one half), integrated by the trapezoid rule;
precision and recall read off the confusion matrix; the matrix counted in a loop."""
import numpy as np


def roc_auc(y_true, scores):
    order = np.argsort(-scores, kind="stable")
    scores, hits = scores[order], (y_true[order] == 1)
    # The last index of each run of equal scores: the curve moves only between distinct thresholds.
    last = np.flatnonzero(np.r_[scores[1:] != scores[:-1], True])
    tpr = np.r_[0, np.cumsum(hits)[last]] / hits.sum()
    fpr = np.r_[0, np.cumsum(~hits)[last]] / (~hits).sum()
    return float(np.sum((fpr[1:] - fpr[:-1]) * (tpr[1:] + tpr[:-1]) / 2))


def confusion_matrix(y_true, y_pred, num_classes):
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    for true, predicted in zip(y_true, y_pred):
        counts[true, predicted] += 1
    return counts


def precision_recall_f1(y_true, y_pred, average="binary"):
    size = int(max(y_true.max(), y_pred.max())) + 1
    counts = confusion_matrix(y_true, y_pred, size).astype(np.float64)
    tp = np.diag(counts)
    predicted, actual = counts.sum(axis=0), counts.sum(axis=1)
    if average == "binary":
        keep = np.array([1])
    else:
        keep = np.flatnonzero((predicted > 0) | (actual > 0))  # the labels present
    tp, predicted, actual = tp[keep], predicted[keep], actual[keep]
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.nan_to_num(tp / predicted)
        recall = np.nan_to_num(tp / actual)
        f1 = np.nan_to_num(2 * tp / (predicted + actual))
    return float(precision.mean()), float(recall.mean()), float(f1.mean())
