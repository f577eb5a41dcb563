"""Classic bug: the naive softmax exp(z) / sum(exp(z)): exp overflows past 709 (inf / inf is NaN), and a row of very negative logits gives 0 / 0."""
# expect-fail: predict_proba[logits_of_plus_and_minus_1000] predict_proba[logits_of_minus_1000_through_the_bias] fit_softmax_regression[logits_that_overflow_a_naive_exp]
# hint: a-softmax-that-never-overflows
import numpy as np


def predict_proba(X, W, b):
    E = np.exp(X @ W + b)
    return E / E.sum(axis=1, keepdims=True)


def predict(X, W, b):
    return np.argmax(X @ W + b, axis=1)



def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    Y = np.eye(num_classes)[y]
    W, b = np.zeros((d, num_classes)), np.zeros(num_classes)
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = predict_proba(X, W, b) - Y
        W, b = W - lr * (X.T @ R / n + l2 * W), b - lr * R.mean(axis=0)
        W_history.append(W)
        b_history.append(b)
    return np.stack(W_history), np.stack(b_history)
