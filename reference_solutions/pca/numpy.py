import numpy as np


def fit_pca(X: np.ndarray, n_components: int):
    mean = X.mean(axis=0)
    _, s, vt = np.linalg.svd(X - mean, full_matrices=False)
    largest = np.abs(vt).argmax(axis=1)
    vt = vt * np.sign(vt[np.arange(len(vt)), largest])[:, None]
    variance = s**2 / (X.shape[0] - 1)
    k = n_components
    return mean, vt[:k], variance[:k], (variance / variance.sum())[:k]


def pca_transform(X: np.ndarray, mean: np.ndarray, components: np.ndarray) -> np.ndarray:
    return (X - mean) @ components.T


def pca_inverse_transform(Z: np.ndarray, mean: np.ndarray, components: np.ndarray) -> np.ndarray:
    return Z @ components + mean
