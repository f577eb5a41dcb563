"""Classic bug: components returned as columns (D, k), the layout of U, not rows."""
# expect-fail: fit_pca[as_many_samples_as_features] fit_pca[every_component_of_a_square_matrix] fit_pca[more_samples_than_features]
# hint: centre-then-decompose
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    vt = vt * np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])[:, None]
    variance = s**2 / (len(X) - 1)
    k = n_components
    return mean, vt[:k].T, variance[:k], (variance / variance.sum())[:k]
