"""Classic bug: the regressed mean cast back to y_train's dtype, which truncates the mean of
integer targets to an integer."""
# expect-fail: regress[regress_integer_targets]
# hint: the-vote
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1).astype(y_train.dtype)
    labels = np.unique(y_train)
    votes = (neighbours[:, :, None] == labels).sum(axis=1)
    return labels[votes.argmax(axis=1)]
