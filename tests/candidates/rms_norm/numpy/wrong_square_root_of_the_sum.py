"""Classic bug: the square root of the sum of squares, the L2 norm, instead of the mean: every
output is √C times too small."""
# expect-fail: rms_norm[rows] rms_norm[tokens] rms_norm[vector] rms_norm[long_rows] rms_norm[huge_values*]
# hint: which-axes
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).sum(axis=-1, keepdims=True) + eps) * weight
