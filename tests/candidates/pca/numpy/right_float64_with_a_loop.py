"""Right: float64 inside, the sign fixed row by row, cast back at the end."""
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    x = X.astype(np.float64)
    mean = x.mean(axis=0)
    _, s, vt = np.linalg.svd(x - mean, full_matrices=False)
    for row in vt:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    variance = s**2 / (len(x) - 1)
    k = n_components
    parts = mean, vt[:k], variance[:k], variance[:k] / variance.sum()
    return tuple(p.astype(X.dtype) for p in parts)
