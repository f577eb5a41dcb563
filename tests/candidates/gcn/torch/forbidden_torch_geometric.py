"""Forbidden: PyTorch Geometric's GCNConv (the torch track forbids torch_geometric and dgl)."""
import torch
from torch_geometric.nn import GCNConv


def gcn_layer(adj, x, weight, bias=None):
    conv = GCNConv(weight.shape[0], weight.shape[1], bias=bias is not None)
    edge_index = adj.nonzero().t()
    return conv(x, edge_index)
