"""Classic bug: batch norm's axis. The mean and variance are taken over axis 0, each feature across
the samples, instead of each row across its features."""
# expect-fail: layer_norm[rows] layer_norm[tokens] layer_norm[rows_of_very_different_scale]
# hint: which-axes
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0, keepdims=True)
    var = x.var(axis=0, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta
