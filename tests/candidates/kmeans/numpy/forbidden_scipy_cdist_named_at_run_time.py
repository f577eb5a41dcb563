"""Forbidden: reaches scipy's cdist through importlib.import_module with a name decoded only when
the call runs, so no `import` statement and no constant in the source shows it."""
import importlib

import numpy as np

_NAME = bytes([115, 99, 105, 112, 121]).decode() + ".spatial.distance"


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    cdist = importlib.import_module(_NAME).cdist
    rng = np.random.default_rng(seed)
    centers = np.array(init_centers if init_centers is not None else x[rng.choice(len(x), k, replace=False)])
    for _ in range(max_iters):
        labels = cdist(x, centers).argmin(axis=1)
        updated = np.array([x[labels == j].mean(axis=0) if (labels == j).any() else centers[j] for j in range(k)])
        moved = np.linalg.norm(updated - centers, axis=1).max()
        centers = updated
        if moved <= tol:
            break
    return centers.astype(x.dtype), cdist(x, centers).argmin(axis=1)
