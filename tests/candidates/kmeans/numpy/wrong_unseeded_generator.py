"""Classic bug: an unseeded generator (np.random.default_rng() ignores `seed`), so one seed gives
different results from call to call."""
# expect-fail: the_same_seed_gives_the_same_result
# hint: k-means-plus-plus
import numpy as np


def nearest(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def kmeans_plus_plus(x, k, rng):
    centers = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        d2 = ((x[:, None, :] - np.array(centers)[None]) ** 2).sum(axis=2).min(axis=1)
        centers.append(x[rng.choice(len(x), p=d2 / d2.sum())])
    return np.array(centers)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    if init_centers is None:
        centers = kmeans_plus_plus(x, k, np.random.default_rng())
    else:
        centers = np.array(init_centers, dtype=x.dtype)
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
