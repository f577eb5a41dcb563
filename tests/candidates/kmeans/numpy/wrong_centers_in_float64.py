"""Classic bug: builds the centers in a float64 buffer (np.zeros((k, D))), so float32 points give
float64 centers."""
# expect-fail: kmeans_from_given_centers[well_separated_blobs] kmeans_from_given_centers[one_dimension] kmeans_plus_plus_seeding[well_separated_blobs]
# hint: distances-that-keep-their-digits
import numpy as np


def nearest(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def kmeans_plus_plus(x, k, rng):
    centers = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        d2 = ((x[:, None, :] - np.array(centers)[None]) ** 2).sum(axis=2).min(axis=1)
        centers.append(x[rng.choice(len(x), p=d2 / d2.sum())])
    return np.array(centers, dtype=np.float64)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    if init_centers is None:
        centers = kmeans_plus_plus(x, k, np.random.default_rng(seed))
    else:
        centers = np.zeros((k, x.shape[1]))
        centers[:] = init_centers
    for _ in range(max_iters):
        labels = nearest(x, centers)
        new_centers = centers.copy()
        for j in range(k):
            if (labels == j).any():
                new_centers[j] = x[labels == j].mean(axis=0)
        moves = np.sqrt(((new_centers - centers) ** 2).sum(axis=1))
        centers = new_centers
        if moves.max() <= tol:
            break
    return centers, nearest(x, centers)
