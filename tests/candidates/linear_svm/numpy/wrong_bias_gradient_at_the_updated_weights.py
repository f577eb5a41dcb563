"""Classic bug: w is updated first, then b's sub-gradient is taken at the new w (not the old one)."""
# expect-fail: fit_linear_svm[one_epoch] fit_linear_svm[one_epoch_in_float32] fit_linear_svm[default_hyper_parameters]
# hint: one-step-from-the-old-parameters
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    y = np.where(y > 0, 1.0, -1.0)
    w, b = np.zeros(d), 0.0
    ws, bs = [w], [b]
    for t in range(1, epochs + 1):
        pull = np.where(y * (X @ w + b) < 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n
        step = lr / np.sqrt(t)
        w = w - step * grad_w
        b = b + step * np.where(y * (X @ w + b) < 1, y, 0.0).mean()
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
