"""Classic bug: the one-hot matrix built transposed, (C, N): P - Y fails to broadcast unless N == C, where it is silently wrong."""
# expect-fail: fit_softmax_regression[as_many_samples_as_classes] fit_softmax_regression[default_hyper_parameters]
# hint: the-gradient-is-p-minus-y
import numpy as np


def predict_proba(X, W, b):
    Z = X @ W + b
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def predict(X, W, b):
    return np.argmax(X @ W + b, axis=1)


def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    Y = np.eye(num_classes)[:, y]
    W, b = np.zeros((d, num_classes)), np.zeros(num_classes)
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = predict_proba(X, W, b) - Y
        W, b = W - lr * (X.T @ R / n + l2 * W), b - lr * R.mean(axis=0)
        W_history.append(W)
        b_history.append(b)
    return np.stack(W_history), np.stack(b_history)
