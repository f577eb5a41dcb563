"""Classic bug: the textbook inv(XᵀX + l2 I) XᵀY: XᵀX is singular when N < D or a column repeats
(inv raises or returns huge garbage), and forming it squares the condition number."""
# expect-fail: fit_linear_regression[duplicated_column_minimum_norm] fit_linear_regression[fewer_samples_than_features_minimum_norm] fit_linear_regression[zero_column_gets_zero_weight]
# hint: do-not-invert-the-gram-matrix
import numpy as np


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    X, y = X.astype(np.float64), y.astype(np.float64)
    n, d = X.shape
    x_mean, y_mean = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(d), 0.0)
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.inv(Xc.T @ Xc + l2 * np.eye(d)) @ Xc.T @ yc
    return w, float(y_mean - x_mean @ w)


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()
    return w, float(b)

