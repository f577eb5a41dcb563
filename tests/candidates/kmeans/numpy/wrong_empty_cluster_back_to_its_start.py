"""Classic bug: a cluster left without points goes back to its initial center instead of keeping
the position it had before this update."""
# expect-fail: kmeans_from_given_centers[cluster_emptied_after_it_moved]
# hint: empty-clusters-and-ties
import numpy as np


def nearest(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    rng = np.random.default_rng(seed)
    if init_centers is None:
        start = [x[rng.integers(len(x))]]
        for _ in range(1, k):
            d2 = ((x[:, None, :] - np.array(start)[None]) ** 2).sum(axis=2).min(axis=1)
            start.append(x[rng.choice(len(x), p=d2 / d2.sum())])
        start = np.array(start)
    else:
        start = np.array(init_centers, dtype=x.dtype)
    centers = start.copy()
    for _ in range(max_iters):
        labels = nearest(x, centers)
        new_centers = start.copy()
        for j in range(k):
            if (labels == j).any():
                new_centers[j] = x[labels == j].mean(axis=0)
        moved = np.sqrt(((new_centers - centers) ** 2).sum(axis=1)).max()
        centers = new_centers
        if moved <= tol:
            break
    return centers, nearest(x, centers)
