"""Classic bug: self-loops added to A, but the degrees taken from A alone: every degree is one short,
and an isolated node's is 0 (1/sqrt(0) is inf)."""
# expect-fail: gcn_layer[graph_with_isolated_nodes] gcn_layer[graph_without_any_edge] gcn_layer[single_node] gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees]
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)
    d_inv_sqrt = 1.0 / np.sqrt(adj.sum(axis=1))
    out = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :] @ (x @ weight)
    return out if bias is None else out + bias
