"""Returns the loss of the updated model, computed after optimizer.step()."""
# expect-fail: train_step[no_hidden_layer] train_step[one_hidden_layer] train_step[two_steps_in_a_row]
# hint: train-step-order
import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self, in_dim: int, hidden_dims: list[int], out_dim: int):
        super().__init__()
        widths = [in_dim, *hidden_dims, out_dim]
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)  # logits: no ReLU after the last layer


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor) -> float:
    optimizer.zero_grad()  # gradients accumulate across backward() calls otherwise
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return F.cross_entropy(model(x), y).item()
