"""Classic bug: the components with whatever sign LAPACK returns."""
# expect-fail: fit_pca[more_samples_than_features] fit_pca[float64_data] fit_pca[rank_deficient_data]
# hint: centre-then-decompose
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    variance = s**2 / (len(X) - 1)
    k = n_components
    return mean, vt[:k], variance[:k], (variance / variance.sum())[:k]
