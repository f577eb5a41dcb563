"""Classic bug: the descent's b started as np.array(0.0), updated in place and returned as it is:
a 0-d array, not a Python float."""
# expect-fail: fit_linear_regression_gd[default_step_and_epochs] fit_linear_regression_gd[zero_epochs_return_zeros] fit_linear_regression_gd[one_epoch]
# hint: centre-then-solve
import numpy as np


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    X, y = X.astype(np.float64), y.astype(np.float64)
    n, d = X.shape
    x_mean, y_mean = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(d), 0.0)
    A, t = X - x_mean, y - y_mean
    if l2 > 0:
        A, t = np.vstack([A, np.sqrt(l2) * np.eye(d)]), np.concatenate([t, np.zeros(d)])
    w = np.linalg.lstsq(A, t, rcond=None)[0]
    return w, float(y_mean - x_mean @ w)


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), np.array(0.0)
    for _ in range(epochs):
        r = y - X @ w - b
        w -= lr * (-2 / n) * (X.T @ r)
        b -= lr * (-2 / n) * r.sum()
    return w, b
