"""Classic bug: the history starts after the first epoch (no row for the starting zeros)."""
# expect-fail: fit_linear_svm[zero_epochs_return_the_start] fit_linear_svm[one_epoch] fit_linear_svm[default_hyper_parameters]
# hint: one-step-from-the-old-parameters
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    y = np.where(y > 0, 1.0, -1.0)
    w, b = np.zeros(d), 0.0
    ws, bs = [], []
    for t in range(1, epochs + 1):
        pull = np.where(y * (X @ w + b) < 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n
        grad_b = -pull.mean()
        step = lr / np.sqrt(t)
        w, b = w - step * grad_w, b - step * grad_b
        ws.append(w)
        bs.append(b)
    return np.array(ws).reshape(-1, d), np.array(bs, dtype=np.float64)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
