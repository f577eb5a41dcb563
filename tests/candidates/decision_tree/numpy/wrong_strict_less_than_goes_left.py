"""Classic bug: predict sends x < threshold left, so a point exactly on a threshold goes right."""
# expect-fail: predict[points_on_the_thresholds_go_left] predict[points_on_the_thresholds_float32]
# hint: the-search
import numpy as np


def impurity(y: np.ndarray, criterion: str) -> float:
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    if criterion == "gini":
        return 1.0 - np.sum(p * p)
    return -np.sum(p * np.log2(p))  # counts are positive: no log(0)


def majority(y: np.ndarray):
    values, counts = np.unique(y, return_counts=True)  # sorted: argmax's first maximum is the smallest label
    return values[np.argmax(counts)]  # an element of y, in y's dtype


def best_split(X: np.ndarray, y: np.ndarray, criterion: str):
    """(weighted impurity, feature, threshold) of the best candidate, or None when no feature varies."""
    best = None
    for feature in range(X.shape[1]):
        column = X[:, feature].astype(np.float64)
        values = np.unique(column)
        for threshold in (values[:-1] + values[1:]) / 2:  # midpoints, in float64
            left = column <= threshold
            n_left = left.sum()
            score = (n_left * impurity(y[left], criterion)
                     + (len(y) - n_left) * impurity(y[~left], criterion)) / len(y)
            if best is None or score < best[0] - 1e-12:  # within 1e-12 is a tie: the earlier candidate stays
                best = (score, feature, float(threshold))
    return best


def fit_tree(X: np.ndarray, y: np.ndarray, max_depth: int | None = None, min_samples_split: int = 2,
             criterion: str = "gini") -> dict:
    def grow(X, y, depth):
        parent = impurity(y, criterion)
        if parent == 0 or len(y) < min_samples_split or (max_depth is not None and depth >= max_depth):
            return {"leaf": majority(y)}
        best = best_split(X, y, criterion)
        if best is None or best[0] >= parent - 1e-12:  # split only when the impurity drops by more than 1e-12
            return {"leaf": majority(y)}
        _, feature, threshold = best
        left = X[:, feature] <= threshold
        return {"feature": feature, "threshold": threshold,
                "left": grow(X[left], y[left], depth + 1), "right": grow(X[~left], y[~left], depth + 1)}

    return grow(X, y, 0)


def predict_tree(tree: dict, X: np.ndarray) -> np.ndarray:
    def predict_row(x):
        node = tree
        while "leaf" not in node:
            node = node["left"] if x[node["feature"]] < node["threshold"] else node["right"]
        return node["leaf"]

    return np.array([predict_row(x) for x in X])  # numpy scalars of y's dtype: the array keeps it
