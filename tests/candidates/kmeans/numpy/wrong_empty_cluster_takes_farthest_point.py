"""Classic bug (scikit-learn's habit, not this contract): a cluster left without points is moved to
the point farthest from its own center, instead of keeping its position."""
# expect-fail: kmeans_from_given_centers[cluster_emptied_after_it_moved] kmeans_from_given_centers[a_center_far_from_every_point]
# hint: empty-clusters-and-ties
import numpy as np


def squared(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    rng = np.random.default_rng(seed)
    if init_centers is None:
        centers = [x[rng.integers(len(x))]]
        for _ in range(1, k):
            d2 = squared(x, np.array(centers)).min(axis=1)
            centers.append(x[rng.choice(len(x), p=d2 / d2.sum())])
        centers = np.array(centers)
    else:
        centers = np.array(init_centers, dtype=x.dtype)
    for _ in range(max_iters):
        distances = squared(x, centers)
        labels = distances.argmin(axis=1)
        new_centers = centers.copy()
        for j in range(k):
            if (labels == j).any():
                new_centers[j] = x[labels == j].mean(axis=0)
            else:
                new_centers[j] = x[distances.min(axis=1).argmax()]
        moved = np.sqrt(((new_centers - centers) ** 2).sum(axis=1)).max()
        centers = new_centers
        if moved <= tol:
            break
    return centers, squared(x, centers).argmin(axis=1)
