"""Classic bug: centres x in place (x -= mean), changing the caller's array."""
# expect-fail: layer_norm[rows] layer_norm[large_offsets]
# hint: weight-bias-and-autograd
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    x -= x.mean(axis=-1, keepdims=True)
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + eps) * gamma + beta
