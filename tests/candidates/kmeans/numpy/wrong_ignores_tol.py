"""Classic bug: ignores tol and runs until the centers stop moving at all (no label changes), so it
goes on after an iteration whose moves were all within tol."""
# expect-fail: kmeans_from_given_centers[stops_on_tol_before_max_iters] kmeans_from_given_centers[stops_when_the_largest_move_equals_tol]
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
        if not moves.any():
            break
    return centers, nearest(x, centers)
