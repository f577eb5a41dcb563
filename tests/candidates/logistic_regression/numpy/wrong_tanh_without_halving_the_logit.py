"""Classic bug: the tanh identity with z where it needs z / 2: (1 + tanh(z)) / 2 is sigmoid(2z)."""
# expect-fail: predict_proba[moderate_logits] predict_proba[one_row] fit_logistic_regression[default_hyper_parameters]
# hint: a-sigmoid-that-never-overflows
import numpy as np


def predict_proba(X, w, b):
    return 0.5 * (1 + np.tanh(X @ w + b))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        grad_w = X.T @ residual / n + l2 * w
        grad_b = residual.mean()
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)
