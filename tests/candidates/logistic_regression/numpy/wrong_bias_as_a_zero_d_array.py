"""Classic bug: b kept as a 0-d array and returned as one, not as a Python float."""
# expect-fail: fit_logistic_regression[default_hyper_parameters] fit_logistic_regression[zero_epochs_return_the_start]
# hint: one-step-from-the-old-parameters
import numpy as np


def predict_proba(X, w, b):
    z = X @ w + b
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), np.array(0.0)
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        w = w - lr * (X.T @ residual / n + l2 * w)
        b -= lr * residual.mean()
    return w, b
