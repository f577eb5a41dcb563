"""Classic bug: the L1 (Manhattan) distance, sum |x - y|, instead of the Euclidean one."""
# expect-fail: classify[three_classes_in_general_position] classify[float32_features] regress[regress_float_targets]
# hint: distances-and-ties
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.abs(X_test[:, None, :] - X_train[None, :, :]).sum(axis=-1)
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    labels = np.unique(y_train)
    votes = (neighbours[:, :, None] == labels).sum(axis=1)
    return labels[votes.argmax(axis=1)]
