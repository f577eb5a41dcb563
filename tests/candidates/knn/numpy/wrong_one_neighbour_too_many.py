"""Classic bug: k off by one, [:, :k + 1] takes k + 1 neighbours."""
# expect-fail: classify[k_equal_to_one] classify[three_classes_in_general_position] regress[regress_k_equal_to_one] regress[regress_float_targets]
# hint: distances-and-ties
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k + 1]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    labels = np.unique(y_train)
    votes = (neighbours[:, :, None] == labels).sum(axis=1)
    return labels[votes.argmax(axis=1)]
