"""Classic bug: the schedule counts epochs from 0 and patches the division by zero with max(t, 1): the step lr is taken twice, every later step is off by one."""
# expect-fail: fit_linear_svm[three_epochs_follow_the_schedule] fit_linear_svm[default_hyper_parameters] fit_linear_svm[margins_of_exactly_one_are_satisfied]
# hint: the-kink-and-the-schedule
import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    y = np.where(y > 0, 1.0, -1.0)
    w, b = np.zeros(d), 0.0
    ws, bs = [w], [b]
    for t in range(epochs):
        pull = np.where(y * (X @ w + b) < 1, y, 0.0)
        grad_w = l2 * w - X.T @ pull / n
        grad_b = -pull.mean()
        step = lr / np.sqrt(max(t, 1))
        w, b = w - step * grad_w, b - step * grad_b
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
