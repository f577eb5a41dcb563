import numpy as np


def fit_linear_svm(X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 100,
                   l2: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    n, d = X.shape
    y = np.where(y > 0, 1.0, -1.0)  # {0, 1} labels too: 0 is the negative class
    w, b = np.zeros(d), 0.0  # float64 whatever X's dtype
    ws, bs = [w], [b]
    for t in range(1, epochs + 1):
        # A margin of exactly 1 is satisfied: the hinge's sub-gradient there is 0.
        pull = np.where(y * (X @ w + b) < 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n  # the bias is not regularised
        grad_b = -pull.mean()
        step = lr / np.sqrt(t)  # t counts epochs from 1
        w, b = w - step * grad_w, b - step * grad_b  # both from the same old (w, b)
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return np.where(X @ w + b >= 0, 1, -1)  # a score of exactly 0 is the positive class
