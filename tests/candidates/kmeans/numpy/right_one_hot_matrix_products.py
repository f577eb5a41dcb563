"""Correct, in another style: fully vectorised in float64. Distances by |x|² - 2x·c + |c|² on points
shifted by the first point (exactly, so that equal distances stay equal) and clipped at 0, means
as a one-hot matrix product, squared moves against tol², k-means++ by inverting the cumulative
distribution."""
import numpy as np


def squared_distances(x, centers):
    squared = (x * x).sum(1)[:, None] - 2.0 * x @ centers.T + (centers * centers).sum(1)[None, :]
    return np.maximum(squared, 0.0)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    points = x.astype(np.float64)
    origin = points[0].copy()
    points = points - origin  # near the origin the expanded form keeps its digits
    if init_centers is None:
        rng = np.random.default_rng(seed)
        chosen = [rng.integers(len(points))]
        for _ in range(k - 1):
            d2 = squared_distances(points, points[chosen]).min(axis=1)
            cumulative = np.cumsum(d2)
            chosen.append(int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right")))
        centers = points[chosen]
    else:
        centers = np.asarray(init_centers, dtype=np.float64) - origin
    iteration = 0
    while iteration < max_iters:
        labels = squared_distances(points, centers).argmin(axis=1)
        one_hot = np.eye(k)[labels]
        counts = one_hot.sum(axis=0)
        sums = one_hot.T @ points
        updated = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centers)
        largest = ((updated - centers) ** 2).sum(axis=1).max()
        centers = updated
        iteration += 1
        if largest <= tol * tol:
            break
    labels = squared_distances(points, centers).argmin(axis=1)
    return (centers + origin).astype(x.dtype), labels
