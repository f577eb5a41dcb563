"""Classic bug: everything computed in X's dtype: float32 rows give float32 weights (the contract's
w is float64)."""
# expect-fail: fit_linear_regression[float32_rows_give_float64_weights] fit_linear_regression_gd[zero_epochs_in_float32] fit_linear_regression_gd[one_epoch_in_float32]
# hint: centre-then-solve
import numpy as np


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    n, d = X.shape
    x_mean, y_mean = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(d, X.dtype), 0.0)
    A, t = X - x_mean, y - y_mean
    if l2 > 0:
        A = np.vstack([A, np.sqrt(l2) * np.eye(d, dtype=X.dtype)])
        t = np.concatenate([t, np.zeros(d, X.dtype)])
    w = np.linalg.lstsq(A, t, rcond=None)[0]
    return w, float(y_mean - x_mean @ w)


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d, dtype=X.dtype), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w -= (lr * (-2 / n) * (X.T @ r)).astype(w.dtype)
        b -= lr * (-2 / n) * r.sum()
    return w, float(b)
