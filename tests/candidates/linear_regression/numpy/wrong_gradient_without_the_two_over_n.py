"""Classic bug: the gradient of the sum of squares without the 2/N of the mean: X.T @ r alone."""
# expect-fail: fit_linear_regression_gd[default_step_and_epochs] fit_linear_regression_gd[one_epoch] fit_linear_regression_gd[as_many_samples_as_features]
# hint: gradient-descent-step-and-types
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
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * -(X.T @ r), b - lr * -r.sum()
    return w, float(b)
