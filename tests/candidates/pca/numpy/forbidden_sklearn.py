"""Forbidden: scikit-learn's own PCA."""
from sklearn.decomposition import PCA


def fit_pca(X, n_components):
    p = PCA(n_components).fit(X)
    return p.mean_, p.components_, p.explained_variance_, p.explained_variance_ratio_


def pca_transform(X, mean, components):
    return (X - mean) @ components.T


def pca_inverse_transform(Z, mean, components):
    return Z @ components + mean
