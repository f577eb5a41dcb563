"""Classic bug: D^-1 on both sides, D^-1 (A + I) D^-1, the square root forgotten: each entry is
divided by d_i d_j instead of sqrt(d_i d_j)."""
# expect-fail: gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees] classifier_forward[two_classes_on_a_star_in_float64] train_step[hidden_layer_as_wide_as_the_classes]
# hint: symmetric-normalisation
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    d_inv = 1.0 / a_hat.sum(dim=1)
    out = d_inv[:, None] * a_hat * d_inv[None, :] @ (x @ weight)
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
