"""Classic bug: self-loops added to A, but the degrees taken from A alone: every degree is one short,
and an isolated node's is 0 (1/sqrt(0) is inf)."""
# expect-fail: gcn_layer[graph_with_isolated_nodes] gcn_layer[graph_without_any_edge] gcn_layer[single_node] gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees] classifier_forward[graph_with_isolated_nodes] train_step[one_labelled_node]
# hint: self-loops-first
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    d_inv_sqrt = adj.sum(dim=1).rsqrt()
    out = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :] @ (x @ weight)
    return out if bias is None else out + bias


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
