"""Classic bug: squared distances as |x|² - 2x·c + |c|² in float32; far from the origin the
cancellation leaves only rounding noise and points join the wrong centers."""
# expect-fail: kmeans_from_given_centers[far_from_the_origin]
# hint: distances-that-keep-their-digits
import numpy as np


def nearest(x, centers):
    squared = (x * x).sum(axis=1)[:, None] - 2 * x @ centers.T + (centers * centers).sum(axis=1)[None, :]
    return squared.argmin(axis=1)


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
    return centers, nearest(x, centers)
