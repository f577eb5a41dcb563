"""Classic bug: the normalised values are returned without the weight."""
# expect-fail: rms_norm[rows] rms_norm[tokens] rms_norm[float64_input] rms_norm[feature_size_one]
# hint: which-axes
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + eps)
