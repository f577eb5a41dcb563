"""Classic bug: the parameters start as np.zeros(D, dtype=X.dtype): float32 X gives a float32 history."""
# expect-fail: fit_linear_svm[float32_rows_give_float64_histories] fit_linear_svm[zero_epochs_in_float32] fit_linear_svm[one_epoch_in_float32]
# hint: one-step-from-the-old-parameters
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    y = np.where(y > 0, 1.0, -1.0)
    w, b = np.zeros(d, dtype=X.dtype), X.dtype.type(0.0)
    ws, bs = [w], [b]
    for t in range(1, epochs + 1):
        pull = np.where(y * (X @ w + b) < 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n
        grad_b = -pull.mean()
        step = lr / np.sqrt(t)
        w, b = (w - step * grad_w).astype(X.dtype), X.dtype.type(b - step * grad_b)
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
