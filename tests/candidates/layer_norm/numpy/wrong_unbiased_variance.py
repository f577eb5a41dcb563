"""Classic bug: the unbiased variance (ddof=1, dividing by C - 1); layer norm divides by C. A single
feature makes it 0 / 0."""
# expect-fail: layer_norm[rows] layer_norm[float64_small_variance] layer_norm[feature_size_one]
# hint: the-variance-and-eps
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True, ddof=1)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta
