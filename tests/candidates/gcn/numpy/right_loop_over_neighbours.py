"""Right: message passing written as loops: node i sums h_j / sqrt(d_i d_j) over its neighbours
and itself."""
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    n = adj.shape[0]
    h = x @ weight
    degree = [1.0 + sum(adj[i, j] for j in range(n)) for i in range(n)]
    out = np.zeros_like(h)
    for i in range(n):
        out[i] += h[i] / degree[i]
        for j in range(n):
            if adj[i, j]:
                out[i] += h[j] / np.sqrt(degree[i] * degree[j])
    return out if bias is None else out + bias
