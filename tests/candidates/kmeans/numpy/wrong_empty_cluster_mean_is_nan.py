"""Classic bug: every center moves to the mean of its points, even a center that has none:
x[labels == j].mean(axis=0) of no rows is 0 / 0 = NaN (the seed notes' sample does this)."""
# expect-fail: kmeans_from_given_centers[cluster_emptied_after_it_moved] kmeans_from_given_centers[a_center_far_from_every_point] kmeans_from_given_centers[duplicate_points_and_a_duplicate_center]
# hint: empty-clusters-and-ties
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
        centers = np.array(init_centers, dtype=x.dtype)
    for _ in range(max_iters):
        labels = nearest(x, centers)
        with np.errstate(invalid="ignore", divide="ignore"):
            new_centers = np.array([x[labels == j].mean(axis=0) for j in range(k)], dtype=x.dtype)
        moved = np.sqrt(((new_centers - centers) ** 2).sum(axis=1)).max()
        centers = new_centers
        if moved <= tol:
            break
    return centers, nearest(x, centers)
