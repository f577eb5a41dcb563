import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int,
                task: str = "classify") -> np.ndarray:
    # Every test point against every training point at once: (M, N) distances.
    distances = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=-1))
    # A stable sort keeps equal distances in index order: ties go to the lower training index.
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    neighbours = y_train[nearest]  # (M, k)
    if task == "regress":
        return neighbours.mean(axis=1)
    labels = np.unique(y_train)  # sorted, in y_train's dtype
    votes = (neighbours[:, :, None] == labels).sum(axis=1)  # (M, number of labels)
    return labels[votes.argmax(axis=1)]  # argmax takes the first maximum: the smallest label
