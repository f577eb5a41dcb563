"""Classic bug: converts to float64 for accuracy and forgets to convert back: float32 inputs come
back as float64."""
# expect-fail: layer_norm[rows] layer_norm[large_offsets]
# hint: weight-bias-and-autograd
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    wide = np.asarray(x, dtype=np.float64)
    centred = wide - wide.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + eps) * gamma + beta
