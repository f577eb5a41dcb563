"""Forbidden: scipy's normalised Laplacian, I - D^-1/2 (A + I) D^-1/2, turned back (scipy is not
allowed in the numpy track)."""
import numpy as np
from scipy.sparse.csgraph import laplacian


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)
    a_norm = np.eye(len(adj)) - laplacian(a_hat, normed=True)
    out = (a_norm @ x @ weight).astype(x.dtype)
    return out if bias is None else out + bias
