"""Loops over classes and features, everything in float64 inside, cast back at the end."""
import math

import numpy as np


def fit_gaussian_nb(X, y, var_smoothing=1e-9):
    data = X.astype(np.float64)
    classes = np.unique(y)
    N, D = data.shape
    overall = data.mean(axis=0)
    epsilon = var_smoothing * max(((data[:, d] - overall[d]) ** 2).sum() / N for d in range(D))
    priors, means, variances = [], [], []
    for c in classes:
        rows = data[y == c]
        mean = rows.sum(axis=0) / len(rows)
        priors.append(len(rows) / N)
        means.append(mean)
        variances.append(((rows - mean) ** 2).sum(axis=0) / len(rows) + epsilon)
    cast = lambda a: np.array(a, dtype=np.float64).astype(X.dtype)
    return classes, cast(priors), cast(means), cast(variances)


def _scores(X, priors, means, variances):
    x, mu, var = (a.astype(np.float64) for a in (X, means, variances))
    scores = np.empty((len(x), len(mu)))
    for n in range(len(x)):
        for c in range(len(mu)):
            total = math.log(float(priors[c]))
            for d in range(x.shape[1]):
                total -= 0.5 * math.log(2 * math.pi * var[c, d]) + 0.5 * (x[n, d] - mu[c, d]) ** 2 / var[c, d]
            scores[n, c] = total
    return scores


def predict_log_proba(X, classes, priors, means, variances):
    scores = _scores(X, priors, means, variances)
    out = np.empty_like(scores)
    for n, row in enumerate(scores):
        top = row.max()
        out[n] = row - (top + math.log(sum(math.exp(s - top) for s in row)))
    return out.astype(X.dtype)


def predict(X, classes, priors, means, variances):
    scores = _scores(X, priors, means, variances)
    return np.array([classes[int(np.argmax(row))] for row in scores], dtype=classes.dtype)
