"""Forbidden: the sigmoid from scipy.special.expit (the numpy track may not import scipy)."""
import numpy as np
from scipy.special import expit


def predict_proba(X, w, b):
    return expit(X @ w + b)


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        w, b = w - lr * (X.T @ residual / len(y) + l2 * w), b - lr * residual.mean()
    return w, float(b)
