"""Right, in O(N log N): sort the negatives once, and for each positive count the negatives below
it and those equal to it with two binary searches; the confusion matrix from np.unique's pair
counts; precision and recall from boolean masks per label."""
import numpy as np


def roc_auc(y_true, scores):
    negatives = np.sort(scores[y_true == 0]).astype(np.float64)
    positives = scores[y_true == 1].astype(np.float64)
    below = np.searchsorted(negatives, positives, side="left")
    up_to = np.searchsorted(negatives, positives, side="right")
    return float((below + (up_to - below) / 2).sum() / (len(positives) * len(negatives)))


def precision_recall_f1(y_true, y_pred, average="binary"):
    labels = np.array([1]) if average == "binary" else np.unique(np.concatenate([y_true, y_pred]))
    results = np.zeros((len(labels), 3))
    for row, label in enumerate(labels):
        hit = (y_true == label) & (y_pred == label)
        tp, predicted, actual = hit.sum(), (y_pred == label).sum(), (y_true == label).sum()
        precision = tp / predicted if predicted > 0 else 0.0
        recall = tp / actual if actual > 0 else 0.0
        f1 = 2 * tp / (predicted + actual) if predicted + actual > 0 else 0.0
        results[row] = precision, recall, f1
    precision, recall, f1 = results.mean(axis=0)
    return precision.item(), recall.item(), f1.item()


def confusion_matrix(y_true, y_pred, num_classes):
    counts = np.zeros((num_classes, num_classes), dtype=np.int32)
    pairs, how_many = np.unique(np.stack([y_true, y_pred]), axis=1, return_counts=True)
    counts[pairs[0], pairs[1]] = how_many
    return counts
