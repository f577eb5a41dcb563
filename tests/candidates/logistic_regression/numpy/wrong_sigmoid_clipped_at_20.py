"""Classic bug: logits clipped to [-20, 20] against overflow: sigmoid(-40) comes out 2e-9 instead of 4e-18."""
# expect-fail: predict_proba[logits_of_plus_and_minus_40] predict_proba[logits_of_plus_and_minus_1000]
# hint: a-sigmoid-that-never-overflows
import numpy as np


def predict_proba(X, w, b):
    z = np.clip(X @ w + b, -20, 20)
    return 1 / (1 + np.exp(-z))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        grad_w = X.T @ residual / n + l2 * w
        grad_b = residual.mean()
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
