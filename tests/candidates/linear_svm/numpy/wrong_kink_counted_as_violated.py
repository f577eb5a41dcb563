"""Classic bug: a margin of exactly 1 counted as violated (<= 1): the points on the kink keep pulling."""
# expect-fail: fit_linear_svm[margins_of_exactly_one_are_satisfied] fit_linear_svm[margins_of_exactly_one_with_as_many_samples_as_features_in_float32] fit_linear_svm[one_class_at_the_origin_stops_at_a_margin_of_one]
# hint: the-kink-and-the-schedule
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    y = np.where(y > 0, 1.0, -1.0)
    w, b = np.zeros(d), 0.0
    ws, bs = [w], [b]
    for t in range(1, epochs + 1):
        pull = np.where(y * (X @ w + b) <= 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n
        grad_b = -pull.mean()
        step = lr / np.sqrt(t)
        w, b = w - step * grad_w, b - step * grad_b
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
