"""Right: eigen-decomposition of the covariance, in float64, variance from the eigenvalues."""
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    x = X.astype(np.float64)
    mean = x.mean(axis=0)
    xc = x - mean
    values, vectors = np.linalg.eigh(xc.T @ xc / (len(x) - 1))
    order = np.argsort(values)[::-1]
    values, vectors = np.clip(values[order], 0, None), vectors[:, order].T
    vectors *= np.sign(vectors[np.arange(len(vectors)), np.abs(vectors).argmax(axis=1)])[:, None]
    total = values.sum()
    k = n_components
    return tuple(p.astype(X.dtype) for p in (mean, vectors[:k], values[:k], values[:k] / total))
