"""Classic bug: stops once np.allclose(new, old, atol=tol), which measures each coordinate's move
(plus a relative term) instead of each center's Euclidean move: on the diagonal a center moving by
5/6 in both coordinates has moved 1.18, and tol = 0.95 must not stop it."""
# expect-fail: kmeans_from_given_centers[tol_is_a_euclidean_distance]
# hint: one-iteration-then-the-stopping-rule
import numpy as np


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    rng = np.random.default_rng(seed)
    if init_centers is None:
        centers = x[[rng.integers(len(x))]]
        while len(centers) < k:
            gaps = ((x[:, None] - centers[None]) ** 2).sum(-1).min(1)
            centers = np.vstack([centers, x[rng.choice(len(x), p=gaps / gaps.sum())]])
    else:
        centers = np.array(init_centers, dtype=x.dtype)
    iteration = 0
    while iteration < max_iters:
        labels = np.linalg.norm(x[:, None] - centers[None], axis=-1).argmin(1)
        counts = np.bincount(labels, minlength=k)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x)
        updated = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centers)
        iteration += 1
        done = np.allclose(updated, centers, atol=tol)
        centers = updated.astype(x.dtype)
        if done:
            break
    return centers, np.linalg.norm(x[:, None] - centers[None], axis=-1).argmin(1)
