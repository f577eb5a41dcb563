"""Wrong: the Mann-Whitney rank sum with ranks from argsort, so tied scores get distinct ranks in
their input order instead of sharing the mean of the ranks they span."""
# expect-fail: roc_auc[all_scores_equal] roc_auc[scores_tied_across_classes] roc_auc[integer_scores_with_many_ties]
# hint: auc-is-a-pair-count
import numpy as np


def roc_auc(y_true, scores):
    positive = y_true == 1
    n_pos, n_neg = positive.sum(), (~positive).sum()
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores)] = np.arange(1, len(scores) + 1)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def precision_recall_f1(y_true, y_pred, average="binary"):
    labels = [1] if average == "binary" else sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    precisions, recalls, f1s = [], [], []
    for label in labels:
        tp = int(np.sum((y_pred == label) & (y_true == label)))
        fp = int(np.sum((y_pred == label) & (y_true != label)))
        fn = int(np.sum((y_pred != label) & (y_true == label)))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        precisions.append(precision)
        recalls.append(recall)
        f1s.append(f1)
    return float(np.mean(precisions)), float(np.mean(recalls)), float(np.mean(f1s))


def confusion_matrix(y_true, y_pred, num_classes):
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts
