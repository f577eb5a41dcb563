"""Classic bug: np.argsort's default sort is not stable, so neighbours at equal distances come out
in no defined order and the k-th neighbour is not the lower training index."""
# expect-fail: classify[test_points_on_a_lattice] classify[ties_with_many_equal_votes] regress[regress_on_a_lattice] regress[regress_with_duplicate_training_points]
# hint: distances-and-ties
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(distances, axis=1)[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    labels = np.unique(y_train)
    votes = (neighbours[:, :, None] == labels).sum(axis=1)
    return labels[votes.argmax(axis=1)]
