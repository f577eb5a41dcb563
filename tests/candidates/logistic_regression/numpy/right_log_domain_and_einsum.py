"""Correct, in another style: the sigmoid as exp(-log(1 + exp(-z))) through np.logaddexp, which
is stable for both signs, einsum for the products, and b kept as a NumPy float64 (a float)."""
import numpy as np


def predict_proba(X, w, b):
    z = np.einsum("nd,d->n", X, w) + b
    return np.exp(-np.logaddexp(0.0, -z))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n = len(y)
    w = np.zeros(X.shape[1])
    b = np.float64(0.0)
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        step_w = np.einsum("nd,n->d", X, residual) / n + l2 * w
        step_b = np.mean(residual)
        w -= lr * step_w
        b -= lr * step_b
    return w, b
