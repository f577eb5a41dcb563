"""Wrong: rows the predicted class and columns the true class (the transpose)."""
# expect-fail: confusion_matrix[five_classes] confusion_matrix[two_classes] confusion_matrix[as_many_classes_as_samples] confusion_matrix[one_sample]
# hint: three-short-recipes
import numpy as np


def roc_auc(y_true, scores):
    positives = scores[y_true == 1][:, None]
    negatives = scores[y_true == 0][None, :]
    wins = (positives > negatives).sum() + 0.5 * (positives == negatives).sum()
    return float(wins / (positives.size * negatives.size))


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
    np.add.at(counts, (y_pred, y_true), 1)
    return counts
