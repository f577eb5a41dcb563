"""Wrong: the ROC points are taken at each score as a threshold, in the input's order, and
integrated by the trapezoid rule without sorting them by false positive rate first."""
# expect-fail: roc_auc[scores_without_ties] roc_auc[random_scores_for_shuffled_labels] roc_auc[positives_listed_first]
# hint: auc-is-a-pair-count
import numpy as np


def roc_auc(y_true, scores):
    positive = y_true == 1
    tpr, fpr = [0.0], [0.0]
    for threshold in scores:  # the thresholds, unsorted
        predicted = scores >= threshold
        tpr.append((predicted & positive).sum() / positive.sum())
        fpr.append((predicted & ~positive).sum() / (~positive).sum())
    tpr.append(1.0)
    fpr.append(1.0)
    return float(np.trapezoid(tpr, fpr))


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
