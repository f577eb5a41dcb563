"""Classic bug: D^-1/2 applied on the left only, D^-1/2 (A + I): the rows are scaled, the columns
(each neighbour's contribution) are not."""
# expect-fail: gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees] gcn_layer[graph_with_isolated_nodes]
import torch


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    out = a_hat.sum(dim=1).rsqrt()[:, None] * a_hat @ (x @ weight)
    return out if bias is None else out + bias
