"""Correct, in another style: the softmax as exp(z - logsumexp(z)), the gradients summed sample by
sample in a loop, the history written into preallocated arrays."""
import numpy as np


def predict_proba(X, W, b):
    Z = X @ W + b
    m = Z.max(axis=1, keepdims=True)
    log_normaliser = m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))
    return np.exp(Z - log_normaliser)


def predict(X, W, b):
    Z = X @ W + b
    return np.array([int(np.argmax(row)) for row in Z], dtype=np.int64)


def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    X = X.astype(np.float64)
    W_history = np.zeros((epochs + 1, d, num_classes))
    b_history = np.zeros((epochs + 1, num_classes))
    for epoch in range(epochs):
        W, b = W_history[epoch], b_history[epoch]
        P = predict_proba(X, W, b)
        grad_W, grad_b = np.zeros_like(W), np.zeros_like(b)
        for i in range(n):
            r = P[i].copy()
            r[y[i]] -= 1.0
            grad_W += np.outer(X[i], r)
            grad_b += r
        W_history[epoch + 1] = W - lr * (grad_W / n + l2 * W)
        b_history[epoch + 1] = b - lr * grad_b / n
    return W_history, b_history
