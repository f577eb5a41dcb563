"""Classic bug: the L2 penalty's gradient added to b's too (the bias is not regularised)."""
# expect-fail: fit_logistic_regression[l2_does_not_decay_the_bias] fit_logistic_regression[l2_in_float32] fit_logistic_regression[strong_l2_with_a_large_step]
# hint: one-step-from-the-old-parameters
import numpy as np


def predict_proba(X, w, b):
    z = X @ w + b
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        grad_w = X.T @ residual / n + l2 * w
        grad_b = residual.mean() + l2 * b
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
