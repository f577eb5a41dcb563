"""Right: the SVD written out (s / (s² + l2) over the singular values above the cut-off), and the
descent with an explicit loop over the samples for the gradients."""
import numpy as np


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(d)
    y_mean = y.mean() if fit_intercept else 0.0
    u, s, vt = np.linalg.svd(X - x_mean, full_matrices=False)
    cutoff = max(n, d) * np.finfo(np.float64).eps * (s.max() if s.size else 0.0)
    gain = np.zeros_like(s)
    kept = s > cutoff
    gain[kept] = s[kept] / (s[kept] ** 2 + l2)
    w = vt.T @ (gain * (u.T @ (y - y_mean)))
    return w, float(y_mean - x_mean @ w)


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        grad_w = np.zeros(d)
        grad_b = 0.0
        for i in range(n):
            r_i = float(y[i]) - X[i].astype(np.float64) @ w - b
            grad_w += -2.0 * r_i * X[i] / n
            grad_b += -2.0 * r_i / n
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)
