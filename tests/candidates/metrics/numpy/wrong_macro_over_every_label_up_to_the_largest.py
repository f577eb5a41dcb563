"""Wrong: macro averages over every label 0..max (all the classes there could be), not over the
labels present in y_true or y_pred: absent labels pull the means down with their zeros."""
# expect-fail: precision_recall_f1[macro_with_labels_missing_between_present_ones] precision_recall_f1[macro_without_label_zero] precision_recall_f1[macro_one_sample]
# hint: which-labels-and-zero-division
import numpy as np


def roc_auc(y_true, scores):
    positives = scores[y_true == 1][:, None]
    negatives = scores[y_true == 0][None, :]
    wins = (positives > negatives).sum() + 0.5 * (positives == negatives).sum()
    return float(wins / (positives.size * negatives.size))


def precision_recall_f1(y_true, y_pred, average="binary"):
    labels = [1] if average == "binary" else range(int(max(y_true.max(), y_pred.max())) + 1)
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
