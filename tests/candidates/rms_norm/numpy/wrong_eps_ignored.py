"""Classic bug: eps hard-coded to 1e-5 (layer norm's default), whatever `eps` says."""
# expect-fail: rms_norm[default_eps_on_tiny_rows] rms_norm[default_eps_on_tiny_rows_in_float64] rms_norm[explicit_eps] rms_norm[explicit_eps_in_float64]
# hint: eps-and-its-default
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + 1e-5) * weight
