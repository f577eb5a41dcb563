"""Realistic bug: eigen-decomposition of XcᵀXc in the input dtype: squaring the spectrum loses the small components in float32."""
# expect-fail: fit_pca[wide_dynamic_range]
# hint: variance-and-ratio
import numpy as np


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean



def fit_pca(X, n_components):
    mean = X.mean(axis=0)
    xc = X - mean
    values, vectors = np.linalg.eigh(xc.T @ xc)
    order = np.argsort(values)[::-1]
    values, vectors = np.clip(values[order], 0, None), vectors[:, order].T
    vectors *= np.sign(vectors[np.arange(len(vectors)), np.abs(vectors).argmax(axis=1)])[:, None]
    variance = values / (len(X) - 1)
    k = n_components
    return mean, vectors[:k], variance[:k], variance[:k] / variance.sum()
