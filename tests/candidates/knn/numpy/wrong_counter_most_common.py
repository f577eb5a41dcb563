"""Classic bug: Counter(...).most_common(1) breaks a tie by first appearance, so a tied vote goes
to the label of the nearest of the tied neighbours, not to the smallest label."""
# expect-fail: classify[four_nearest_votes_tie_to_the_smallest_label] classify[three_nearest_votes_tie_to_the_smallest_label] classify[a_label_missing_from_every_neighbourhood]
# hint: the-vote
from collections import Counter

import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    return np.array([Counter(row.tolist()).most_common(1)[0][0] for row in neighbours], dtype=y_train.dtype)
