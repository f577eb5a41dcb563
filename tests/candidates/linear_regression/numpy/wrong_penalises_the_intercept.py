"""Classic bug: a column of ones appended for the intercept, and the ridge penalty put on all D + 1
weights: b is shrunk toward 0 with w."""
# expect-fail: fit_linear_regression[ridge_leaves_the_intercept_unpenalised] fit_linear_regression[as_many_samples_as_features_with_ridge] fit_linear_regression[fewer_samples_than_features_with_ridge]
# hint: centre-then-solve
import numpy as np


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    X, y = X.astype(np.float64), y.astype(np.float64)
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)]) if fit_intercept else X
    k = A.shape[1]
    t = y
    if l2 > 0:
        A, t = np.vstack([A, np.sqrt(l2) * np.eye(k)]), np.concatenate([y, np.zeros(k)])
    theta = np.linalg.lstsq(A, t, rcond=None)[0]
    return (theta[:d], float(theta[d])) if fit_intercept else (theta, 0.0)


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()
    return w, float(b)

