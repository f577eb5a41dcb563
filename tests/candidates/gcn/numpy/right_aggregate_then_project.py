"""Right: aggregate the features first, then project, (Â X) W. Matrix products associate, so this is
Â (X W) exactly (only the cost differs: N²·F_in + N·F_in·F_out against N·F_in·F_out + N²·F_out)."""
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(adj.shape[0], dtype=adj.dtype)
    degree = a_hat.sum(axis=0)  # adj is symmetric: column sums are the row sums
    a_norm = a_hat / np.sqrt(np.outer(degree, degree))
    out = (a_norm @ x) @ weight
    if bias is not None:
        out = out + bias
    return out
