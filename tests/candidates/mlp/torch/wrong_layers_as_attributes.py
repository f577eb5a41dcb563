"""The layers as attributes fc0, fc1, ... kept in a plain list: the state_dict names are not layers.<i>."""
# expect-fail: forward[no_hidden_layer] forward[one_hidden_layer] train_step[two_classes]
# hint: module-names
import torch
from torch import nn
from torch.nn import functional as F


class MLP(nn.Module):
    def __init__(self, in_dim: int, hidden_dims: list[int], out_dim: int):
        super().__init__()
        widths = [in_dim, *hidden_dims, out_dim]
        self.layers = []
        for index, (a, b) in enumerate(zip(widths[:-1], widths[1:])):
            layer = nn.Linear(a, b)
            setattr(self, f"fc{index}", layer)
            self.layers.append(layer)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)  # logits: no ReLU after the last layer


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor) -> float:
    optimizer.zero_grad()  # gradients accumulate across backward() calls otherwise
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()  # computed before the step
