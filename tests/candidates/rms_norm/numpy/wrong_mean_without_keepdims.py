"""Classic bug: the mean square without keepdims, shape (N,), broadcasts against (N, N) along the
wrong axis: x[i, j] is divided by row j's root mean square. Other shapes raise."""
# expect-fail: rms_norm[square_matrix] rms_norm[batch_of_one_with_as_many_tokens_as_features] rms_norm[rows]
# hint: which-axes
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).mean(axis=-1) + eps) * weight
