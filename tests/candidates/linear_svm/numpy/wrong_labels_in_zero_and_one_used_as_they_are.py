"""Classic bug: the labels used as they are: {-1, +1} labels work, but with {0, 1} labels the 0s never pull."""
# expect-fail: fit_linear_svm[labels_in_zero_and_one] fit_linear_svm[labels_in_zero_and_one_as_floats_in_float32] fit_linear_svm[one_class_only_given_as_zeros]
# hint: the-violated-points-pull
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    y = y.astype(np.float64)
    w, b = np.zeros(d), 0.0
    ws, bs = [w], [b]
    for t in range(1, epochs + 1):
        pull = np.where(y * (X @ w + b) < 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n
        grad_b = -pull.mean()
        step = lr / np.sqrt(t)
        w, b = w - step * grad_w, b - step * grad_b
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
