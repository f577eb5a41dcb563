"""Classic bug: the labels sorted by their counts, the last one taken: a tie in the vote goes to
the largest of the tied labels instead of the smallest."""
# expect-fail: classify[four_nearest_votes_tie_to_the_smallest_label] classify[three_nearest_votes_tie_to_the_smallest_label] classify[k_equal_to_n_with_tied_counts] classify[a_label_missing_from_every_neighbourhood]
# hint: the-vote
import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    predictions = np.empty(len(X_test), dtype=y_train.dtype)
    for i, row in enumerate(neighbours):
        values, counts = np.unique(row, return_counts=True)
        predictions[i] = values[np.argsort(counts, kind="stable")[-1]]
    return predictions
