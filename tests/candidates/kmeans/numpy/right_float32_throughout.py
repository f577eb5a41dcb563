"""Correct, in another style: everything in the dtype of x, float32 included. Sums accumulated one
point at a time with np.add.at and multiplied by 1 / count, moves by np.linalg.norm, the
assignment via einsum on the differences, labels as uint8."""
import numpy as np


def assign(x, centers):
    differences = x[:, None, :] - centers[None, :, :]
    return np.einsum("nkd,nkd->nk", differences, differences).argmin(axis=1).astype(np.uint8)


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    if init_centers is None:
        rng = np.random.default_rng(seed)
        centers = x[[rng.integers(len(x))]].copy()
        for _ in range(k - 1):
            differences = x[:, None, :] - centers[None, :, :]
            d2 = np.einsum("nkd,nkd->nk", differences, differences).min(axis=1).astype(np.float64)
            centers = np.vstack([centers, x[rng.choice(len(x), p=d2 / d2.sum())]])
    else:
        centers = init_centers.astype(x.dtype, copy=True)
    for _ in range(max_iters):
        labels = assign(x, centers)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x)
        counts = np.bincount(labels, minlength=k)
        updated = centers.copy()
        filled = counts > 0
        updated[filled] = sums[filled] * (1 / counts[filled]).astype(x.dtype)[:, None]
        moved = np.linalg.norm(updated - centers, axis=1)
        centers = updated
        if np.all(moved <= tol):
            break
    return centers, assign(x, centers)
