"""Classic bug: scales by gamma and forgets to add beta."""
# expect-fail: layer_norm[rows] layer_norm[feature_size_one] layer_norm[constant_rows]
# hint: weight-bias-and-autograd
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + eps) * gamma
