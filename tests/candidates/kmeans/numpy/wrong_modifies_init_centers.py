"""Classic bug: updates the caller's init_centers in place (centers = init_centers is not a copy)."""
# expect-fail: kmeans_from_given_centers[well_separated_blobs] kmeans_from_given_centers[stops_after_one_iteration]
# hint: one-iteration-then-the-stopping-rule
import numpy as np


def nearest(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    rng = np.random.default_rng(seed)
    if init_centers is None:
        centers = [x[rng.integers(len(x))]]
        for _ in range(1, k):
            d2 = ((x[:, None, :] - np.array(centers)[None]) ** 2).sum(axis=2).min(axis=1)
            centers.append(x[rng.choice(len(x), p=d2 / d2.sum())])
        centers = np.array(centers)
    else:
        centers = init_centers
    for _ in range(max_iters):
        labels = nearest(x, centers)
        moved = 0.0
        for j in range(k):
            if (labels == j).any():
                mean = x[labels == j].mean(axis=0)
                moved = max(moved, float(np.sqrt(((mean - centers[j]) ** 2).sum())))
                centers[j] = mean
        if moved <= tol:
            break
    return centers, nearest(x, centers)
