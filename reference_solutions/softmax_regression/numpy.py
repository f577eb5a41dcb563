import numpy as np


def predict_proba(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    Z = X @ W + b
    # Shifting each row by its max changes no probability, and exp of values <= 0 never overflows.
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def predict(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.argmax(X @ W + b, axis=1)  # ties go to the lowest class index


def fit_softmax_regression(X: np.ndarray, y: np.ndarray, num_classes: int, lr: float = 0.1,
                           epochs: int = 100, l2: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    n, d = X.shape
    Y = np.eye(num_classes)[y]  # (N, C) one-hot rows
    W, b = np.zeros((d, num_classes)), np.zeros(num_classes)  # float64 whatever X's dtype
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = predict_proba(X, W, b) - Y  # d CE_i / d logits_i, row by row
        grad_W = X.T @ R / n + l2 * W  # the mean over samples, then the penalty
        grad_b = R.mean(axis=0)  # the bias is not penalised
        W, b = W - lr * grad_W, b - lr * grad_b  # both from the same old (W, b); new arrays, not in place
        W_history.append(W)
        b_history.append(b)
    return np.stack(W_history), np.stack(b_history)
