"""Correct, in plain Python: lists, sorted() and collections.Counter, a candidate at a time."""
from collections import Counter
import math

import numpy as np


def impurity(labels, criterion):
    n = len(labels)
    shares = [count / n for count in Counter(labels).values()]
    if criterion == "gini":
        return 1.0 - sum(p * p for p in shares)
    return -sum(p * math.log(p) for p in shares)


def fit_tree(X, y, max_depth=None, min_samples_split=2, criterion="gini"):
    def leaf(index):
        counts = Counter(y[i] for i in index)
        top = max(counts.values())
        return {"leaf": min(label for label, count in counts.items() if count == top)}

    def grow(index, depth):
        labels = [y[i] for i in index]
        parent = impurity(labels, criterion)
        if len(set(labels)) == 1 or len(index) < min_samples_split:
            return leaf(index)
        if max_depth is not None and depth >= max_depth:
            return leaf(index)
        best = None
        for feature in range(X.shape[1]):
            values = sorted(set(float(X[i, feature]) for i in index))
            for a, b in zip(values, values[1:]):
                threshold = (a + b) / 2
                left = [y[i] for i in index if X[i, feature] <= threshold]
                right = [y[i] for i in index if X[i, feature] > threshold]
                score = (len(left) * impurity(left, criterion) + len(right) * impurity(right, criterion)) / len(index)
                if best is None or score < best[0] - 1e-12:
                    best = (score, feature, threshold)
        if best is None or not best[0] < parent - 1e-12:
            return leaf(index)
        _, feature, threshold = best
        return {"feature": feature, "threshold": threshold,
                "left": grow([i for i in index if X[i, feature] <= threshold], depth + 1),
                "right": grow([i for i in index if X[i, feature] > threshold], depth + 1)}

    return grow(list(range(len(y))), 0)


def predict_tree(tree, X):
    labels = []
    for row in X:
        node = tree
        while "leaf" not in node:
            node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
        labels.append(node["leaf"])
    return np.array(labels)
