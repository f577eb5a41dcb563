"""Classic bug: w solved on X and y as they are (a model through the origin), then
b = mean(y) - mean(X) @ w: centring must come before the solve."""
# expect-fail: fit_linear_regression[least_squares_with_an_intercept] fit_linear_regression[ridge_leaves_the_intercept_unpenalised] fit_linear_regression[duplicated_column_minimum_norm]
# hint: centre-then-solve
import numpy as np


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    X, y = X.astype(np.float64), y.astype(np.float64)
    n, d = X.shape
    A, t = X, y
    if l2 > 0:
        A, t = np.vstack([A, np.sqrt(l2) * np.eye(d)]), np.concatenate([t, np.zeros(d)])
    w = np.linalg.lstsq(A, t, rcond=None)[0]
    b = y.mean() - X.mean(axis=0) @ w if fit_intercept else 0.0
    return w, float(b)


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()
    return w, float(b)

