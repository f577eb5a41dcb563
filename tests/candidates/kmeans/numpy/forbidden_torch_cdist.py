"""Forbidden: the numpy track is NumPy only; this borrows torch.cdist for the distances."""
import numpy as np
import torch


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    rng = np.random.default_rng(seed)
    centers = np.array(init_centers if init_centers is not None else x[rng.choice(len(x), k, replace=False)])
    points = torch.from_numpy(x)
    for _ in range(max_iters):
        labels = torch.cdist(points, torch.from_numpy(centers)).argmin(dim=1).numpy()
        updated = np.array([x[labels == j].mean(axis=0) if (labels == j).any() else centers[j] for j in range(k)])
        moved = np.linalg.norm(updated - centers, axis=1).max()
        centers = updated
        if moved <= tol:
            break
    return centers, torch.cdist(points, torch.from_numpy(centers)).argmin(dim=1).numpy()
