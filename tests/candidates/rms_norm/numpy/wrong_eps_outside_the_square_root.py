"""Classic bug: eps added to the root mean square, x / (rms + eps), instead of under the square
root. On rows of ordinary size nothing changes; on tiny rows, or with a large eps, it is far off."""
# expect-fail: rms_norm[default_eps_on_tiny_rows] rms_norm[default_eps_on_tiny_rows_in_float64] rms_norm[explicit_eps] rms_norm[explicit_eps_in_float64]
# hint: eps-and-its-default
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    rms = np.sqrt((x * x).mean(axis=-1, keepdims=True))
    return x / (rms + eps) * weight
