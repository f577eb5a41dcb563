"""Classic bug: x.mean() and x.var() without an axis: one mean and one variance for the whole
batch, so a row's output depends on the other rows."""
# expect-fail: layer_norm[rows] layer_norm[rows_of_very_different_scale] layer_norm[large_offsets]
# hint: which-axes
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    return (x - x.mean()) / np.sqrt(x.var() + eps) * gamma + beta
