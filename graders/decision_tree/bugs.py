"""The classic bugs of decision_tree, as the oracle (oracle.py) with one of them switched on: the
diagnoses a failing tree or prediction is recognised as (katas/decision_tree/hints.toml, [causes],
explains each; the proofs' `# hint:` lines prove where each leads)."""
from __future__ import annotations

import numpy as np

from interviewkit.grader import Diagnosis, sibling

oracle = sibling(__file__, "oracle")
EPSILON = oracle.EPSILON


def best_split(X, codes, classes, criterion, bug):
    n = len(codes)
    best = None
    for feature in range(X.shape[1]):
        order = np.argsort(X[:, feature], kind="stable")
        column, sorted_codes = X[order, feature], codes[order]
        left = np.cumsum(np.eye(classes)[sorted_codes], axis=0)[:-1]
        right = np.bincount(codes, minlength=classes) - left
        sizes = np.arange(1, n)
        if bug == "impurity-not-weighted":
            scores = (oracle.impurity_of_counts(left, criterion) + oracle.impurity_of_counts(right, criterion)) / 2
        else:
            scores = (sizes * oracle.impurity_of_counts(left, criterion)
                      + (n - sizes) * oracle.impurity_of_counts(right, criterion)) / n
        for i in np.flatnonzero(column[1:] != column[:-1]):
            later = bug == "ties-to-the-later-candidate"
            if best is None or (scores[i] <= best[0] + EPSILON if later else scores[i] < best[0] - EPSILON):
                best = (float(scores[i]), feature, _threshold(column[i], column[i + 1], bug))
    return best


def _threshold(low: float, high: float, bug: str) -> float:
    if bug == "threshold-at-the-value":
        return float(low)
    if bug == "midpoint-in-float32":  # (a + b) / 2 of float32 features, rounded to float32
        return float(np.float32((np.float32(low) + np.float32(high)) / np.float32(2)))
    return float((low + high) / 2)


def grow(X, codes, labels, depth, max_depth, min_samples_split, criterion, bug) -> dict:
    counts = np.bincount(codes, minlength=len(labels))
    last = bug == "majority-tie-to-the-larger-label"
    leaf = {"leaf": int(labels[len(counts) - 1 - np.argmax(counts[::-1]) if last else np.argmax(counts)])}
    parent = float(oracle.impurity_of_counts(counts, criterion))
    splits_anyway = bug == "splits-pure-nodes"
    if (np.count_nonzero(counts) == 1 and not splits_anyway) or len(codes) < min_samples_split:
        return leaf
    if max_depth is not None and (depth > max_depth if bug == "depth-off-by-one" else depth >= max_depth):
        return leaf
    best = best_split(X, codes, len(labels), criterion, bug)
    if best is None or not (splits_anyway or best[0] < parent - EPSILON):
        return leaf
    _, feature, threshold = best
    left = X[:, feature] <= threshold
    options = (max_depth, min_samples_split, criterion, bug)
    return {"feature": feature, "threshold": threshold,
            "left": grow(X[left], codes[left], labels, depth + 1, *options),
            "right": grow(X[~left], codes[~left], labels, depth + 1, *options)}


def fit_tree_with(bug: str):
    def variant(X, y, max_depth=None, min_samples_split=2, criterion="gini") -> dict:
        X = np.asarray(X, dtype=np.float64)
        labels, codes = np.unique(np.asarray(y), return_inverse=True)
        return grow(X, codes.reshape(-1), labels, 0, max_depth, min_samples_split, criterion, bug)
    return variant


def predict_strictly_below(tree: dict, X) -> np.ndarray:
    """predict_tree sending x < threshold left: a row on a threshold goes right."""
    out = []
    for row in np.asarray(X, dtype=np.float64):
        node = tree
        while "leaf" not in node:
            node = node["left"] if row[node["feature"]] < node["threshold"] else node["right"]
        out.append(int(node["leaf"]))
    return np.array(out, dtype=np.int64)


FIT_DIAGNOSES = tuple(Diagnosis(bug, fit_tree_with(bug)) for bug in (
    "depth-off-by-one", "majority-tie-to-the-larger-label", "splits-pure-nodes", "impurity-not-weighted",
    "threshold-at-the-value", "midpoint-in-float32", "ties-to-the-later-candidate"))
PREDICT_DIAGNOSES = (Diagnosis("threshold-goes-right", predict_strictly_below),)
