import numpy as np


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    z = X @ w + b
    # exp(-|z|) lies in (0, 1]: it never overflows, whatever the sign of z.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def fit_logistic_regression(X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 100,
                            l2: float = 0.0) -> tuple[np.ndarray, float]:
    n, d = X.shape
    w, b = np.zeros(d), 0.0  # float64 whatever X's dtype
    for _ in range(epochs):
        residual = predict_proba(X, w, b) - y  # d mean(BCE) / d logit, per sample
        grad_w = X.T @ residual / n + l2 * w  # the bias is not regularised
        grad_b = residual.mean()
        w, b = w - lr * grad_w, b - lr * grad_b  # both from the same old (w, b)
    return w, float(b)
