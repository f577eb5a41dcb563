"""Forbidden: scikit-learn's SGDClassifier with the hinge loss (the numpy track may not import sklearn)."""
import numpy as np
from sklearn.linear_model import SGDClassifier


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    model = SGDClassifier(loss="hinge", alpha=l2, learning_rate="invscaling", eta0=lr, power_t=0.5,
                          max_iter=max(epochs, 1)).fit(X, y)
    ws = np.linspace(0.0, 1.0, epochs + 1)[:, None] * model.coef_[0]
    return ws, np.linspace(0.0, 1.0, epochs + 1) * model.intercept_[0]


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
