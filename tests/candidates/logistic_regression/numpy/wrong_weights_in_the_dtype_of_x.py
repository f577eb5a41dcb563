"""Classic bug: w created in X's dtype and updated in place: float32 rows give float32 weights (the contract's w is float64)."""
# expect-fail: fit_logistic_regression[float32_rows_give_float64_weights] fit_logistic_regression[zero_epochs_in_float32] fit_logistic_regression[l2_in_float32]
# hint: one-step-from-the-old-parameters
import numpy as np


def predict_proba(X, w, b):
    z = X @ w + b
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def fit_logistic_regression(X, y, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    w, b = np.zeros(d, dtype=X.dtype), 0.0
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y
        grad_b = residual.mean()
        w -= lr * (X.T @ residual / n + l2 * w)
        b -= lr * grad_b
    return w, float(b)
