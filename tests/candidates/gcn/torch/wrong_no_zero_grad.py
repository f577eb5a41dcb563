"""Classic bug: the gradients never zeroed: the second step adds its gradients to the first's."""
# expect-fail: train_step[two_steps_in_a_row_in_float64] train_step[learns_two_communities_from_four_labels_in_float64]
# hint: classifier-labelled-nodes-only
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
              bias: torch.Tensor | None = None) -> torch.Tensor:
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)  # self-loops
    d_inv_sqrt = torch.rsqrt(a_hat.sum(dim=1))  # degrees of A + I, never 0
    a_norm = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :]  # D^-1/2 (A + I) D^-1/2
    out = a_norm @ (x @ weight)
    return out if bias is None else out + bias


class GraphConv(nn.Module):
    """One gcn_layer with its own weight (in_dim, out_dim), used as x @ weight, and bias."""

    def __init__(self, in_dim: int, out_dim: int):
        super().__init__()
        self.weight = nn.Parameter(nn.init.xavier_uniform_(torch.empty(in_dim, out_dim)))
        self.bias = nn.Parameter(torch.zeros(out_dim))

    def forward(self, adj: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return gcn_layer(adj, x, self.weight, self.bias)


class GCNClassifier(nn.Module):
    def __init__(self, in_dim: int, hidden_dim: int, num_classes: int):
        super().__init__()
        self.layer1 = GraphConv(in_dim, hidden_dim)
        self.layer2 = GraphConv(hidden_dim, num_classes)

    def forward(self, adj: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return self.layer2(adj, torch.relu(self.layer1(adj, x)))  # logits: no ReLU after the last layer


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, adj: torch.Tensor, x: torch.Tensor,
               y: torch.Tensor, train_mask: torch.Tensor) -> float:
    logits = model(adj, x)  # every node is computed: the unlabelled ones are the labelled ones' neighbours
    loss = F.cross_entropy(logits[train_mask], y[train_mask])  # the mean over the labelled nodes only
    loss.backward()
    optimizer.step()
    return loss.item()  # computed before the step
