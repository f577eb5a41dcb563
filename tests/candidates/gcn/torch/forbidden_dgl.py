"""Forbidden: DGL's GraphConv with symmetric normalisation (the torch track forbids dgl)."""
import dgl
from dgl.nn import GraphConv


def gcn_layer(adj, x, weight, bias=None):
    graph = dgl.add_self_loop(dgl.graph(adj.nonzero(as_tuple=True)))
    conv = GraphConv(weight.shape[0], weight.shape[1], norm="both", bias=bias is not None)
    return conv(graph, x)
