"""Right: |x|² - 2x·y + |y|² as one matrix product, in float64 (no cancellation that matters at
these scales), and a one-hot vote matrix whose argmax picks the first, smallest, tied label."""
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    train = X_train.astype(np.float64)
    test = X_test.astype(np.float64)
    squared = (test ** 2).sum(1)[:, None] - 2 * test @ train.T + (train ** 2).sum(1)[None, :]
    nearest = np.argsort(squared, axis=1, kind="stable")[:, :k]
    if task == "regress":
        return np.mean(y_train[nearest], axis=1)
    values, codes = np.unique(y_train, return_inverse=True)
    one_hot = np.eye(len(values), dtype=np.int64)[codes]  # (N, L)
    votes = one_hot[nearest].sum(axis=1)  # (M, L)
    return values[votes.argmax(axis=1)]
