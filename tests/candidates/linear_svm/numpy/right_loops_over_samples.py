"""Correct, in another style: the sub-gradient summed sample by sample in a loop, preallocated
histories, and the labels mapped with a comprehension."""
import math

import numpy as np


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    n, d = X.shape
    labels = [1.0 if label > 0 else -1.0 for label in y]
    ws = np.zeros((epochs + 1, d))
    bs = np.zeros(epochs + 1)
    for t in range(epochs):
        w, b = ws[t], bs[t]
        grad_w = np.zeros(d)
        grad_b = 0.0
        for i in range(n):
            if labels[i] * (float(X[i] @ w) + b) < 1.0:
                grad_w -= labels[i] * X[i]
                grad_b -= labels[i]
        step = lr / math.sqrt(t + 1)
        ws[t + 1] = w - step * (grad_w / n + l2 * w)
        bs[t + 1] = b - step * grad_b / n
    return ws, bs


def predict(X, w, b):
    scores = X @ w + b
    labels = np.sign(scores).astype(np.int64)
    labels[scores == 0] = 1
    return labels
