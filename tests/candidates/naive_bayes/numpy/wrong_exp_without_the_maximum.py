"""log(sum(exp(jll))) without taking out the row's maximum: log(0) = -inf on far points."""
# expect-fail: log_proba[points_far_away] log_proba[points_far_away_in_float32] log_proba[one_feature_points_far_away]
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


def _joint_log_likelihood(X, priors, means, variances):
    # log p(c) + sum_d log N(x_d; mu_cd, var_cd): sums of logs, never products of densities.
    log_norm = -0.5 * np.log(2 * np.pi * variances).sum(axis=1)  # (C,)
    squared = ((X[:, None, :] - means[None, :, :]) ** 2 / variances[None, :, :]).sum(axis=2)  # (N, C)
    return np.log(priors) + log_norm - 0.5 * squared


def predict_log_proba(X, classes, priors, means, variances):
    joint = _joint_log_likelihood(X, priors, means, variances)
    # logsumexp with the row's maximum taken out: exp never sees -1e6.
    top = joint.max(axis=1, keepdims=True)
    return joint - np.log(np.exp(joint).sum(axis=1, keepdims=True))


def predict(X, classes, priors, means, variances):
    # argmax takes the first of equal maxima: ties go to the first class.
    return classes[_joint_log_likelihood(X, priors, means, variances).argmax(axis=1)]
