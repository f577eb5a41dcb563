"""Forbidden: scikit-learn's own metrics (the numpy track may not import sklearn)."""
import numpy as np
from sklearn import metrics


def roc_auc(y_true, scores):
    return float(metrics.roc_auc_score(y_true, scores))


def precision_recall_f1(y_true, y_pred, average="binary"):
    p, r, f1, _ = metrics.precision_recall_fscore_support(y_true, y_pred, average=average, zero_division=0)
    return float(p), float(r), float(f1)


def confusion_matrix(y_true, y_pred, num_classes):
    return metrics.confusion_matrix(y_true, y_pred, labels=np.arange(num_classes))
