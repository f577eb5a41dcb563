"""Right (with a note): k-means in float64 whatever the input's dtype; float64 centers for float32
input pass at float32's tolerance, and fail only under kit grade --strict."""
import numpy as np


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    x = np.asarray(x, dtype=np.float64)  # float64 throughout: the centers come back in float64
    if init_centers is None:
        centers = kmeans_plus_plus(x, k, np.random.default_rng(seed))
    else:
        centers = np.array(init_centers, dtype=x.dtype)  # a copy: the caller's array stays as it was
    for _ in range(max_iters):
        labels = nearest(x, centers)
        new_centers = centers.copy()
        for j in range(k):
            members = x[labels == j]
            if len(members):  # a cluster left empty keeps its center
                new_centers[j] = members.mean(axis=0)
        moved = np.sqrt(((new_centers - centers) ** 2).sum(axis=1)).max()
        centers = new_centers
        if moved <= tol:
            break
    return centers, nearest(x, centers)  # the labels of the centers returned


def nearest(x, centers):
    squared = ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    return squared.argmin(axis=1)  # argmin takes the first minimum: ties go to the lowest index


def kmeans_plus_plus(x, k, rng):
    centers = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        squared = ((x[:, None, :] - np.array(centers)[None, :, :]) ** 2).sum(axis=2).min(axis=1)
        centers.append(x[rng.choice(len(x), p=squared / squared.sum())])
    return np.array(centers)
