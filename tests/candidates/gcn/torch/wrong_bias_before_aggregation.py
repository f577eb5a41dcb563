"""Classic bug: the bias added before the aggregation, Â (X W + b): the rows of Â do not sum to 1
where degrees differ, so each node gets its own multiple of b. Right on regular graphs."""
# expect-fail: gcn_layer[star_with_a_bias] gcn_layer[path_with_a_bias_in_float64] gcn_layer[graph_with_isolated_nodes_and_a_bias_in_float64]
import torch


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    d_inv_sqrt = a_hat.sum(dim=1).rsqrt()
    h = x @ weight
    if bias is not None:
        h = h + bias
    return d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :] @ h
