"""Forbidden: scikit-learn's LogisticRegression (the numpy track may not import sklearn)."""
import numpy as np
from sklearn.linear_model import LogisticRegression


def predict_proba(X, W, b):
    Z = X @ W + b
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def predict(X, W, b):
    return np.argmax(X @ W + b, axis=1)


def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    model = LogisticRegression(C=1 / max(l2, 1e-12), max_iter=epochs).fit(X, y)
    return model.coef_.T[None], model.intercept_[None]
