"""Forbidden: scipy's own k-means (scipy.cluster.vq.kmeans2) does the whole kata."""
import numpy as np
from scipy.cluster.vq import kmeans2


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    if init_centers is None:
        return kmeans2(x, k, iter=max_iters, minit="++", seed=seed)
    return kmeans2(x, np.array(init_centers), iter=max_iters, minit="matrix")
