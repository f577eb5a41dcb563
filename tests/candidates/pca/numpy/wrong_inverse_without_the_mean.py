"""Classic bug: inverse_transform forgets to add the mean back."""
# expect-fail: pca_inverse_transform[more_samples_than_features] pca_inverse_transform[data_far_from_the_origin]
# hint: centre-then-decompose
import numpy as np


def fit_pca(X, n_components):
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    vt = vt * np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])[:, None]
    variance = s**2 / (len(X) - 1)
    k = n_components
    return mean, vt[:k], variance[:k], (variance / variance.sum())[:k]


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components
