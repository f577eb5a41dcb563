"""Classic bug: np.sign for the labels: a score of exactly 0 gets the label 0."""
# expect-fail: predict[a_score_of_exactly_zero_is_positive] predict[a_score_of_exactly_zero_through_the_bias] predict[zero_weights_and_bias_predict_positive]
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
        grad_b = -pull.mean()
        step = lr / np.sqrt(t)
        w, b = w - step * grad_w, b - step * grad_b
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.sign(X @ w + b).astype(np.int64)
