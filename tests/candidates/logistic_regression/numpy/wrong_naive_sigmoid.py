"""Classic bug: the naive 1 / (1 + exp(-z)): right values, but exp overflows (a RuntimeWarning) for z < -709."""
# expect-fail: predict_proba[logits_of_plus_and_minus_1000]
# hint: a-sigmoid-that-never-overflows
import numpy as np


def predict_proba(X, w, b):
    return 1 / (1 + np.exp(-(X @ w + b)))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        grad_w = X.T @ residual / n + l2 * w
        grad_b = residual.mean()
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
