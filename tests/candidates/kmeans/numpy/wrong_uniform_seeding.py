"""Classic bug: seeds with k distinct points drawn uniformly at random instead of k-means++; with a
big blob and far small ones, two centers start in the big blob and a small pair shares one."""
# expect-fail: kmeans_plus_plus_seeding[a_big_blob_and_two_far_pairs_of_small_ones]
# hint: k-means-plus-plus
import numpy as np


def nearest(x, centers):
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def kmeans_plus_plus(x, k, rng):
    return x[rng.choice(len(x), k, replace=False)]


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
    return centers, nearest(x, centers)
