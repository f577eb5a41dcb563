"""Densities multiplied in linear space and normalised there: 0/0 = NaN far away."""
# expect-fail: log_proba[points_far_away] log_proba[one_feature_points_far_away] predict[points_far_away]
# hint: stay-in-log-space
import numpy as np


def fit_gaussian_nb(X: np.ndarray, y: np.ndarray, var_smoothing: float = 1e-9):
    classes = np.unique(y)  # sorted, in y's dtype
    # As scikit-learn: one epsilon for every class, from the widest feature over all of X.
    epsilon = var_smoothing * np.var(X, axis=0).max()
    priors = np.array([np.mean(y == c) for c in classes], dtype=X.dtype)
    means = np.stack([X[y == c].mean(axis=0) for c in classes])
    # Biased variance (divided by the class count), so a class of one sample gets epsilon alone.
    variances = np.stack([X[y == c].var(axis=0) for c in classes]) + epsilon
    return classes, priors, means, variances.astype(X.dtype)


def _posterior(X, priors, means, variances):
    densities = np.exp(-0.5 * (X[:, None, :] - means) ** 2 / variances) / np.sqrt(2 * np.pi * variances)
    joint = priors * densities.prod(axis=2)  # (N, C): underflows to 0 far away
    return joint / joint.sum(axis=1, keepdims=True)


def predict_log_proba(X, classes, priors, means, variances):
    return np.log(_posterior(X, priors, means, variances))


def predict(X, classes, priors, means, variances):
    return classes[_posterior(X, priors, means, variances).argmax(axis=1)]
