"""Classic bug: np.bincount(row).argmax() gives the right label (the smallest on a tie) as a
platform integer: int32 labels come back as int64."""
# expect-fail: classify[int32_labels] classify[int32_labels_with_ties]
# hint: the-vote
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    return np.array([np.bincount(row).argmax() for row in neighbours])
