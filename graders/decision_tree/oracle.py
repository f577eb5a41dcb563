"""The float64 oracle for decision_tree, written apart from the reference: each feature is sorted
once and scanned left to right with running class counts (the O(D·N log N) search), where the
reference masks and counts every candidate afresh. The two agree wherever the contract is exact:
their weighted impurities differ only by rounding (~1e-16), far inside the 1e-12 tie rule."""
from __future__ import annotations

import numpy as np

EPSILON = 1e-12


def impurity_of_counts(counts: np.ndarray, criterion: str) -> np.ndarray:
    """Impurity of each row of class counts (rows of zeros give 0)."""
    totals = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(totals, 1)
    if criterion == "gini":
        return 1.0 - (p * p).sum(axis=-1)
    logs = np.log(np.where(p > 0, p, 1.0))
    return -(p * logs).sum(axis=-1)  # natural log: the same tree as log2, the statement says so


def best_split(X: np.ndarray, codes: np.ndarray, classes: int, criterion: str):
    """(weighted impurity, feature, threshold) of the earliest best candidate, or None."""
    n = len(codes)
    best = None
    for feature in range(X.shape[1]):
        order = np.argsort(X[:, feature], kind="stable")
        column, sorted_codes = X[order, feature], codes[order]
        left = np.cumsum(np.eye(classes)[sorted_codes], axis=0)[:-1]  # counts of the first i + 1 rows
        right = np.bincount(codes, minlength=classes) - left
        sizes = np.arange(1, n)
        scores = (sizes * impurity_of_counts(left, criterion)
                  + (n - sizes) * impurity_of_counts(right, criterion)) / n
        for i in np.flatnonzero(column[1:] != column[:-1]):  # between distinct values only, ascending
            if best is None or scores[i] < best[0] - EPSILON:
                best = (float(scores[i]), feature, float((column[i] + column[i + 1]) / 2))
    return best


def grow(X, codes, labels, depth, max_depth, min_samples_split, criterion) -> dict:
    counts = np.bincount(codes, minlength=len(labels))
    leaf = {"leaf": int(labels[np.argmax(counts)])}  # labels ascending: the first maximum is the smallest
    parent = float(impurity_of_counts(counts, criterion))
    if np.count_nonzero(counts) == 1 or len(codes) < min_samples_split:
        return leaf
    if max_depth is not None and depth >= max_depth:
        return leaf
    best = best_split(X, codes, len(labels), criterion)
    if best is None or not best[0] < parent - EPSILON:
        return leaf
    _, feature, threshold = best
    left = X[:, feature] <= threshold
    options = (max_depth, min_samples_split, criterion)
    return {"feature": feature, "threshold": threshold,
            "left": grow(X[left], codes[left], labels, depth + 1, *options),
            "right": grow(X[~left], codes[~left], labels, depth + 1, *options)}


def fit_tree(X, y, max_depth=None, min_samples_split=2, criterion="gini") -> dict:
    """The tree of plain Python values: int features, float thresholds, int labels."""
    X = np.asarray(X, dtype=np.float64)
    labels, codes = np.unique(np.asarray(y), return_inverse=True)
    return grow(X, codes.reshape(-1), labels, 0, max_depth, min_samples_split, criterion)


def predict_tree(tree: dict, X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    out = []
    for row in X:
        node = tree
        while "leaf" not in node:
            node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
        out.append(int(node["leaf"]))
    return np.array(out, dtype=np.int64)
