"""Right: einsum in float64 inside, cast back to the input's dtype."""
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a = adj.astype(np.float64) + np.eye(len(adj))
    s = a.sum(axis=1) ** -0.5
    out = np.einsum("i,ij,j,jk,kf->if", s, a, s, x.astype(np.float64), weight.astype(np.float64))
    if bias is not None:
        out = out + bias
    return out.astype(x.dtype)
