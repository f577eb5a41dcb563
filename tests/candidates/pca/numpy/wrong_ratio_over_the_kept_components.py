"""Classic bug: the ratio over the k kept components only (it sums to 1)."""
# expect-fail: fit_pca[more_samples_than_features] fit_pca[one_component] fit_pca[float64_data]
# hint: variance-and-ratio
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    vt = vt * np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])[:, None]
    k = n_components
    variance = s[:k]**2 / (len(X) - 1)
    return mean, vt[:k], variance, variance / variance.sum()
