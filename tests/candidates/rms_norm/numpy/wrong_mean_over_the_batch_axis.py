"""Classic bug: the mean square over axis 0, each feature over the batch, as batch norm does."""
# expect-fail: rms_norm[rows] rms_norm[square_matrix] rms_norm[batch_of_one_*] rms_norm[feature_size_one]
# hint: which-axes
import numpy as np


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).mean(axis=0, keepdims=True) + eps) * weight
