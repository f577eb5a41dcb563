"""Correct, in another style: np.var and np.mean in float64, the result cast back to the input's dtype."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    wide = x.astype(np.float64)
    mean = np.mean(wide, axis=-1, keepdims=True)
    var = np.var(wide, axis=-1, keepdims=True)
    return ((wide - mean) / np.sqrt(var + eps) * gamma + beta).astype(x.dtype)
