"""Classic bug: eps hard-coded as 1e-5, whatever the `eps` argument says."""
# expect-fail: layer_norm[non_default_eps] layer_norm[float64_variance_equal_to_eps]
# hint: the-variance-and-eps
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + 1e-5) * gamma + beta
