"""Classic bug: a "stable" sigmoid by np.where, which computes both branches on every z: exp(z) overflows for large positive z, exp(-z) for large negative z."""
# expect-fail: predict_proba[logits_of_plus_and_minus_1000]
# hint: a-sigmoid-that-never-overflows
import numpy as np


def predict_proba(X, w, b):
    z = X @ w + b
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        grad_w = X.T @ residual / n + l2 * w
        grad_b = residual.mean()
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
