"""Classic bug: returns (labels, centers), the order of the seed notes' sample, not (centers, labels)."""
# expect-fail: kmeans_from_given_centers[well_separated_blobs] kmeans_plus_plus_seeding[well_separated_blobs] the_same_seed_gives_the_same_result
# hint: one-iteration-then-the-stopping-rule
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
        centers = kmeans_plus_plus(x, k, np.random.default_rng(seed))
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
    return nearest(x, centers), centers
