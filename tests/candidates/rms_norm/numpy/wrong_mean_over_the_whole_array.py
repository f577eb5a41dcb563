"""Classic bug: the mean square of the whole array, x.mean() without an axis: every row is divided
by one number. Right only for a single row."""
# expect-fail: rms_norm[rows] rms_norm[tokens] rms_norm[square_matrix] rms_norm[rows_of_very_different_scale]
# hint: which-axes
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).mean() + eps) * weight
