"""Forbidden: DGL's GraphConv with symmetric normalisation (the torch track forbids dgl)."""
import dgl
from dgl.nn import GraphConv
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj, x, weight, bias=None):
    graph = dgl.add_self_loop(dgl.graph(adj.nonzero(as_tuple=True)))
    conv = GraphConv(weight.shape[0], weight.shape[1], norm="both", bias=bias is not None)
    return conv(graph, x)


class GraphConv(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_dim, out_dim) * in_dim ** -0.5)
        self.bias = nn.Parameter(torch.zeros(out_dim))


class GCNClassifier(nn.Module):
    def __init__(self, in_dim, hidden_dim, num_classes):
        super().__init__()
        self.layer1 = GraphConv(in_dim, hidden_dim)
        self.layer2 = GraphConv(hidden_dim, num_classes)

    def forward(self, adj, x):
        h = torch.relu(gcn_layer(adj, x, self.layer1.weight, self.layer1.bias))
        return gcn_layer(adj, h, self.layer2.weight, self.layer2.bias)


def train_step(model, optimizer, adj, x, y, train_mask):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(adj, x)[train_mask], y[train_mask])
    loss.backward()
    optimizer.step()
    return loss.item()
