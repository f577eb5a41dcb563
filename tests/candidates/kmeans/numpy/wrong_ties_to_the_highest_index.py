"""Classic bug: keeps a center when it is at least as near as the best so far (<=, not <), so
equally near centers go to the highest index instead of the lowest."""
# expect-fail: kmeans_from_given_centers[exact_ties_go_to_the_lowest_index] kmeans_from_given_centers[duplicate_points_and_a_duplicate_center]
# hint: empty-clusters-and-ties
import numpy as np


def nearest(x, centers):
    labels = np.zeros(len(x), dtype=np.int64)
    best = np.full(len(x), np.inf)
    for j, center in enumerate(centers):
        distance = ((x - center) ** 2).sum(axis=1)
        closer = distance <= best
        labels[closer], best[closer] = j, distance[closer]
    return labels


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
        new_centers = centers.copy()
        for j in range(k):
            if (labels == j).any():
                new_centers[j] = x[labels == j].mean(axis=0)
        moved = np.sqrt(((new_centers - centers) ** 2).sum(axis=1)).max()
        centers = new_centers
        if moved <= tol:
            break
    return centers, nearest(x, centers)
