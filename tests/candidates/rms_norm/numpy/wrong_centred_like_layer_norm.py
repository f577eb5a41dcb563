"""Classic bug: layer norm's variance, the input centred first: (x - mean) / sqrt(var + eps). RMS
norm subtracts nothing."""
# expect-fail: rms_norm[rows] rms_norm[tokens] rms_norm[feature_size_one] rms_norm[huge_values]
# hint: which-axes
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps) * weight
