"""Correct, in another style: X and y converted to float64 first, the violated points selected with
a boolean mask, the schedule from a precomputed array, and the history stacked at the end."""
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    X = np.asarray(X, dtype=np.float64)
    y = 2.0 * (np.asarray(y) > 0) - 1.0
    n = len(y)
    steps = lr / np.sqrt(np.arange(1, epochs + 1))
    w, b = np.zeros(X.shape[1]), np.float64(0.0)
    history = [np.append(w, b)]
    for step in steps:
        inside = 1.0 - y * (X @ w + b) > 0
        grad_w = l2 * w - np.einsum("n,nd->d", y[inside], X[inside]) / n
        grad_b = -y[inside].sum() / n
        w, b = w - step * grad_w, b - step * grad_b
        history.append(np.append(w, b))
    history = np.stack(history)
    return history[:, :-1], history[:, -1]


def predict(X, w, b):
    return (2 * (X @ w + b >= 0) - 1).astype(np.int64)
