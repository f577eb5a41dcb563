"""Correct, in another style: the one-pass variance E[d²] - E[d]² of the values shifted by each
row's first value, d = x - x[..., :1]. The shift is near the mean, so the two terms are of the
order of the variance and nothing large cancels (the "shifted data" algorithm)."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    shifted = x - x[..., :1]
    mean = shifted.mean(axis=-1, keepdims=True)
    var = (shifted * shifted).mean(axis=-1, keepdims=True) - mean * mean
    return (shifted - mean) / np.sqrt(var + eps) * gamma + beta
