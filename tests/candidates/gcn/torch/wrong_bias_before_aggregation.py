"""Classic bug: the bias added before the aggregation, Â (X W + b): the rows of Â do not sum to 1
where degrees differ, so each node gets its own multiple of b. Right on regular graphs."""
# expect-fail: gcn_layer[star_with_a_bias] gcn_layer[path_with_a_bias_in_float64] gcn_layer[graph_with_isolated_nodes_and_a_bias_in_float64] classifier_forward[two_classes_on_a_star_in_float64] train_step[wide_features_and_few_labels]
# hint: symmetric-normalisation
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    d_inv_sqrt = a_hat.sum(dim=1).rsqrt()
    h = x @ weight
    if bias is not None:
        h = h + bias
    return d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :] @ h


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
