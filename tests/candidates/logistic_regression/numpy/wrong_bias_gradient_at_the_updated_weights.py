"""Classic bug: w is updated first, then b's gradient is taken at the new w (not the old one)."""
# expect-fail: fit_logistic_regression[one_epoch] fit_logistic_regression[one_epoch_in_float32] fit_logistic_regression[default_hyper_parameters]
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
        w = w - lr * grad_w
        b = b - lr * (predict_proba(X, w, b) - y).mean()
    return w, float(b)
