"""Right: aggregate the features first, then project, (Â X) W. Matrix products associate, so this is Â
(X W) exactly (only the cost differs: N²·F_in + N·F_in·F_out against N·F_in·F_out + N²·F_out). The
classifier normalises once per forward and writes the masked loss with log_softmax and gather."""
import torch
from torch import nn


def gcn_layer(adj, x, weight, bias=None):
    n = adj.shape[0]
    a_hat = adj + torch.eye(n, dtype=adj.dtype, device=adj.device)
    degree = a_hat.sum(dim=0)  # adj is symmetric: column sums are the row sums
    a_norm = a_hat / torch.sqrt(degree[:, None] * degree[None, :])
    out = (a_norm @ x) @ weight
    if bias is not None:
        out = out + bias
    return out


def normalised(adj):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    degree = a_hat.sum(dim=1)
    return a_hat / torch.sqrt(degree[:, None] * degree[None, :])


class Weights(nn.Module):
    def __init__(self, fan_in, fan_out):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(fan_in, fan_out).uniform_(-fan_in ** -0.5, fan_in ** -0.5))
        self.bias = nn.Parameter(torch.zeros(fan_out))


class GCNClassifier(nn.Module):
    def __init__(self, in_dim, hidden_dim, num_classes):
        super().__init__()
        self.layer1 = Weights(in_dim, hidden_dim)
        self.layer2 = Weights(hidden_dim, num_classes)

    def forward(self, adj, x):
        a = normalised(adj)  # once for both layers
        h = torch.clamp_min((a @ x) @ self.layer1.weight + self.layer1.bias, 0)
        return (a @ h) @ self.layer2.weight + self.layer2.bias


def train_step(model, optimizer, adj, x, y, train_mask):
    optimizer.zero_grad()
    log_p = torch.log_softmax(model(adj, x), dim=1)
    rows = train_mask.nonzero(as_tuple=True)[0]
    loss = -log_p[rows, y[rows]].mean()
    loss.backward()
    optimizer.step()
    return float(loss)
