"""Correct, in another style: one row at a time over every leading index, with plain sums."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    out = np.empty_like(x)
    count = x.shape[-1]
    for index in np.ndindex(x.shape[:-1]):
        row = x[index]
        mean = row.sum() / count
        variance = ((row - mean) ** 2).sum() / count
        out[index] = (row - mean) / np.sqrt(variance + eps) * gamma + beta
    return out
