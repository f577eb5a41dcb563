"""Classic bug: the gradient of the sum of the losses, not of their mean (no 1/N): every step is N times too long."""
# expect-fail: fit_logistic_regression[default_hyper_parameters] fit_logistic_regression[one_epoch] fit_logistic_regression[as_many_samples_as_features]
# hint: the-gradient-is-the-residual
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
        grad_w = X.T @ residual + l2 * w
        grad_b = residual.sum()
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
