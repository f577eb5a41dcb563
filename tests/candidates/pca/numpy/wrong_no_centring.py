"""Classic bug: the SVD of X itself, not of X - mean."""
# expect-fail: fit_pca[data_far_from_the_origin] fit_pca[float64_data]
# hint: centre-then-decompose
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    vt = vt * np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])[:, None]
    variance = s**2 / (len(X) - 1)
    k = n_components
    return mean, vt[:k], variance[:k], (variance / variance.sum())[:k]
