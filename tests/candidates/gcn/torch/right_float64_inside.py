"""Right: normalised adjacency built in float64 with explicit diagonal matrices, cast back at the end.
The classifier's layers are bare nn.Module holders; the loss is taken in float64."""
import torch
from torch import nn
from torch.nn import functional as F


def gcn_layer(adj, x, weight, bias=None):
    a = adj.double() + torch.eye(adj.shape[0], dtype=torch.float64, device=adj.device)
    d = torch.diag(a.sum(dim=1).pow(-0.5))
    out = d @ a @ d @ x.double() @ weight.double()
    if bias is not None:
        out = out + bias.double()
    return out.to(x.dtype)


class GCNClassifier(nn.Module):
    def __init__(self, in_dim, hidden_dim, num_classes):
        super().__init__()
        self.layer1, self.layer2 = nn.Module(), nn.Module()
        for layer, (a, b) in ((self.layer1, (in_dim, hidden_dim)), (self.layer2, (hidden_dim, num_classes))):
            layer.weight = nn.Parameter(torch.randn(a, b) / a ** 0.5)
            layer.bias = nn.Parameter(torch.zeros(b))

    def forward(self, adj, x):
        h = gcn_layer(adj, x, self.layer1.weight, self.layer1.bias).relu()
        return gcn_layer(adj, h, self.layer2.weight, self.layer2.bias)


def train_step(model, optimizer, adj, x, y, train_mask):
    model.zero_grad(set_to_none=True)  # the optimizer's parameters are the model's
    logits = model(adj, x).double()
    loss = F.nll_loss(F.log_softmax(logits[train_mask], dim=-1), y[train_mask])
    loss.backward()
    optimizer.step()
    return loss.item()
