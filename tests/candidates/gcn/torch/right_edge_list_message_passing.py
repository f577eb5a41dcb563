"""Right: message passing over an edge list, as sparse GNN libraries do it: every edge (i, j) of A + I
sends h_j / sqrt(d_i d_j) to node i, summed with index_add. The classifier stacks two GraphConv
modules; its loss weighs every node's cross-entropy by the mask."""
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj, x, weight, bias=None):
    n = adj.shape[0]
    loops = torch.arange(n, device=adj.device)
    src, dst = adj.nonzero(as_tuple=True)
    src, dst = torch.cat([src, loops]), torch.cat([dst, loops])
    degree = torch.zeros(n, dtype=x.dtype, device=x.device).index_add_(0, src, torch.ones_like(src, dtype=x.dtype))
    h = x @ weight
    coefficient = (degree[src] * degree[dst]).rsqrt()
    out = torch.zeros(n, h.shape[1], dtype=h.dtype, device=h.device).index_add(0, src, coefficient[:, None] * h[dst])
    return out if bias is None else out + bias


class GraphConv(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.weight = nn.Parameter(nn.init.xavier_normal_(torch.empty(in_dim, out_dim)))
        self.bias = nn.Parameter(torch.zeros(out_dim))

    def forward(self, adj, x):
        return gcn_layer(adj, x, self.weight, self.bias)


class GCNClassifier(nn.Module):
    def __init__(self, in_dim, hidden_dim, num_classes):
        super().__init__()
        self.layer1 = GraphConv(in_dim, hidden_dim)
        self.layer2 = GraphConv(hidden_dim, num_classes)

    def forward(self, adj, x):
        return self.layer2(adj, F.relu(self.layer1(adj, x)))


def train_step(model, optimizer, adj, x, y, train_mask):
    optimizer.zero_grad()
    per_node = F.cross_entropy(model(adj, x), y, reduction="none")
    mask = train_mask.to(per_node.dtype)
    loss = (per_node * mask).sum() / mask.sum()  # the mean over the labelled nodes
    loss.backward()
    optimizer.step()
    return loss.item()
