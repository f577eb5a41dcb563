"""Classic bug: the number of classes read from the labels, not num_classes: a class absent from y loses its column."""
# expect-fail: fit_softmax_regression[the_last_class_absent_from_the_labels] fit_softmax_regression[a_middle_class_absent_from_the_labels]
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
    classes = np.unique(y)  # one column per class seen in y
    Y = (y[:, None] == classes[None, :]).astype(np.float64)
    W, b = np.zeros((d, len(classes))), np.zeros(len(classes))
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = predict_proba(X, W, b) - Y
        W, b = W - lr * (X.T @ R / n + l2 * W), b - lr * R.mean(axis=0)
        W_history.append(W)
        b_history.append(b)
    return np.stack(W_history), np.stack(b_history)
