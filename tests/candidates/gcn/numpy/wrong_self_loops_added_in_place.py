"""Classic bug: self-loops written into the caller's adjacency matrix (np.fill_diagonal on adj):
right numbers, but the input is changed, and a second call would see the loops already there."""
# expect-fail: gcn_layer[graph_with_isolated_nodes] gcn_layer[complete_graph] gcn_layer[single_node]
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    np.fill_diagonal(adj, 1.0)
    d_inv_sqrt = 1.0 / np.sqrt(adj.sum(axis=1))
    out = d_inv_sqrt[:, None] * adj * d_inv_sqrt[None, :] @ (x @ weight)
    return out if bias is None else out + bias
