"""Correct: the weights applied by hand in float64, sigmoid(z) = exp(-softplus(-z)) (stable for any
z), cast back to the input's dtype at the end."""
import torch
import torch.nn.functional as F
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim: int, bias: bool = False):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=bias)

    @staticmethod
    def apply_linear(linear, x):
        out = x @ linear.weight.double().T
        return out if linear.bias is None else out + linear.bias.double()

    def forward(self, x):
        x64 = x.double()
        gate = self.apply_linear(self.gate_proj, x64)
        hidden = gate * torch.exp(-F.softplus(-gate)) * self.apply_linear(self.up_proj, x64)
        return self.apply_linear(self.down_proj, hidden).to(x.dtype)
