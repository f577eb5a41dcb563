"""Classic bug: the statistics lose their reduced axis. On most shapes x - mean raises; on a square
(6, 6) input, or (1, 6, 6), mean[j] is subtracted from column j instead of row j: no error,
wrong numbers."""
# expect-fail: layer_norm[square_matrix] layer_norm[batch_of_one_with_as_many_tokens_as_features]
# hint: which-axes
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1)
    var = ((x - mean) ** 2).mean(axis=-1)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta
