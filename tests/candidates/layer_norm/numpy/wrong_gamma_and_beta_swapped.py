"""Classic bug: scales by beta and shifts by gamma."""
# expect-fail: layer_norm[rows] layer_norm[tokens] layer_norm[feature_size_one]
# hint: weight-bias-and-autograd
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + eps) * beta + gamma
