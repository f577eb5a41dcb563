"""Classic bug: |x|² - 2x·y + |y|² in the inputs' float32. Far from the origin |x|² is ~6e6 and
its rounding swamps the differences between distances: the wrong neighbours win."""
# expect-fail: classify[features_far_from_the_origin] regress[regress_far_from_the_origin]
# hint: distances-and-ties
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    squared = (X_test ** 2).sum(1)[:, None] - 2 * X_test @ X_train.T + (X_train ** 2).sum(1)[None, :]
    distances = np.sqrt(np.maximum(squared, 0))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    labels = np.unique(y_train)
    votes = (neighbours[:, :, None] == labels).sum(axis=1)
    return labels[votes.argmax(axis=1)]
