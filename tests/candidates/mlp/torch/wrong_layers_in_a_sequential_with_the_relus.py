"""The layers in an nn.Sequential with the ReLUs between them: the state_dict says layers.2.weight where the contract says layers.1.weight."""
# expect-fail: forward[one_hidden_layer] forward[two_hidden_layers_in_a_tuple] train_step[one_hidden_layer]
# hint: module-names
import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self, in_dim: int, hidden_dims: list[int], out_dim: int):
        super().__init__()
        widths = [in_dim, *hidden_dims, out_dim]
        modules = []
        for a, b in zip(widths[:-1], widths[1:]):
            modules += [nn.Linear(a, b), nn.ReLU()]
        self.layers = nn.Sequential(*modules[:-1])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor) -> float:
    optimizer.zero_grad()  # gradients accumulate across backward() calls otherwise
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()  # computed before the step
