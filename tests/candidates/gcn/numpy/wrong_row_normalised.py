"""Classic bug: row normalisation D^-1 (A + I), a mean over the neighbours, instead of the symmetric
D^-1/2 (A + I) D^-1/2. Equal on regular graphs (complete, no edges), wrong wherever degrees differ."""
# expect-fail: gcn_layer[graph_with_isolated_nodes] gcn_layer[path] gcn_layer[star_with_very_different_degrees] gcn_layer[star_in_float64] gcn_layer[as_many_input_as_output_features]
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)
    out = a_hat / a_hat.sum(axis=1, keepdims=True) @ (x @ weight)
    return out if bias is None else out + bias
