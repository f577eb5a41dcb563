"""Forbidden: scipy.spatial.distance.cdist computes the distance matrix (scipy is off the numpy track)."""
import numpy as np
from scipy.spatial.distance import cdist


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    nearest = np.argsort(cdist(X_test, X_train), axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]
    if task == "regress":
        return neighbours.mean(axis=1)
    labels = np.unique(y_train)
    return labels[(neighbours[:, :, None] == labels).sum(axis=1).argmax(axis=1)]
