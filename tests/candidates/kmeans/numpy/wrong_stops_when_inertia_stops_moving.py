"""Classic bug: stops when the inertia (the sum of squared distances) changed by at most tol, not
when the centers moved by at most tol; on small coordinates the inertia barely changes while the
centers still move."""
# expect-fail: kmeans_from_given_centers[tol_on_the_moves_of_small_coordinates]
# hint: one-iteration-then-the-stopping-rule
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
    previous = np.inf
    for _ in range(max_iters):
        distances = squared(x, centers)
        labels = distances.argmin(axis=1)
        inertia = distances.min(axis=1).sum()
        if previous - inertia <= tol:
            break
        previous = inertia
        for j in range(k):
            if (labels == j).any():
                centers[j] = x[labels == j].mean(axis=0)
    return centers, squared(x, centers).argmin(axis=1)
