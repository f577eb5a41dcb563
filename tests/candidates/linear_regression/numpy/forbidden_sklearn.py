"""Forbidden: scikit-learn's Ridge (the numpy track may not import sklearn)."""
import numpy as np
from sklearn.linear_model import Ridge


def fit_linear_regression_gd(X, y, lr=0.01, epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()
    return w, float(b)


def fit_linear_regression(X, y, l2=0.0, fit_intercept=True):
    model = Ridge(alpha=l2, fit_intercept=fit_intercept, solver="svd").fit(X, y)
    return model.coef_.astype(np.float64), float(model.intercept_)
