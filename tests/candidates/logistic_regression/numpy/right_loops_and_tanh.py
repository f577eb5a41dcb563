"""Correct, in another style: sigmoid(z) = (1 + tanh(z / 2)) / 2, which never overflows, and the
gradients summed sample by sample in a loop."""
import numpy as np


def predict_proba(X, w, b):
    return 0.5 * (1.0 + np.tanh(0.5 * (X @ w + b)))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    X = X.astype(np.float64)
    w = np.zeros(d, dtype=np.float64)
    b = 0.0
    for _ in range(epochs):
        grad_w = np.zeros(d)
        grad_b = 0.0
        for i in range(n):
            error = 1.0 / (1.0 + np.exp(-(X[i] @ w + b))) - y[i]
            grad_w += error * X[i]
            grad_b += error
        grad_w = grad_w / n + l2 * w
        grad_b = grad_b / n
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)
