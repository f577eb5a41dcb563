"""Classic bug: "k-means++" that takes the farthest point from the centers so far instead of drawing
one with probability proportional to its squared distance. A lone outlier then always gets a center
of its own, where k-means++ gives it one in about one run in ten."""
# expect-fail: kmeans_plus_plus_draws_its_centers_at_random
# hint: k-means-plus-plus
import numpy as np


def squared_distances(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    if init_centers is None:
        rng = np.random.default_rng(seed)
        centers = x[[rng.integers(len(x))]]
        for _ in range(1, k):
            farthest = squared_distances(x, centers).min(axis=1).argmax()
            centers = np.vstack([centers, x[farthest]])
    else:
        centers = np.array(init_centers, dtype=x.dtype)
    for _ in range(max_iters):
        labels = squared_distances(x, centers).argmin(axis=1)
        updated = np.array([x[labels == j].mean(axis=0) if (labels == j).any() else centers[j] for j in range(k)],
                           dtype=x.dtype)
        moved = np.sqrt(((updated - centers) ** 2).sum(axis=1)).max()
        centers = updated
        if moved <= tol:
            break
    return centers, squared_distances(x, centers).argmin(axis=1)
