"""Classic bug: no self-loops, D^-1/2 A D^-1/2: a node forgets its own features, and an isolated
node has degree 0 (1/sqrt(0) is inf, its row NaN)."""
# expect-fail: gcn_layer[graph_with_isolated_nodes] gcn_layer[graph_without_any_edge] gcn_layer[single_node] gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees]
import torch


def gcn_layer(adj, x, weight, bias=None):
    d_inv_sqrt = adj.sum(dim=1).rsqrt()
    out = d_inv_sqrt[:, None] * adj * d_inv_sqrt[None, :] @ (x @ weight)
    return out if bias is None else out + bias
