"""Classic bug: the L2 penalty on the bias too (weight decay on b)."""
# expect-fail: fit_linear_svm[l2_does_not_decay_the_bias] fit_linear_svm[strong_l2_with_a_large_step] fit_linear_svm[default_hyper_parameters]
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
        grad_b = l2 * b - pull.mean()
        step = lr / np.sqrt(t)
        w, b = w - step * grad_w, b - step * grad_b
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
