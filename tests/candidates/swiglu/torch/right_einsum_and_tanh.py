"""Correct: the projections as einsums over the nn.Linear weights (out_features, in_features), and
sigmoid(z) = (1 + tanh(z / 2)) / 2."""
import torch
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim: int, bias: bool = False):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=bias)

    @staticmethod
    def project(linear, x):
        out = torch.einsum("...i,oi->...o", x, linear.weight)
        return out if linear.bias is None else out + linear.bias

    def forward(self, x):
        gate = self.project(self.gate_proj, x)
        silu = gate * 0.5 * (1 + torch.tanh(0.5 * gate))
        return self.project(self.down_proj, silu * self.project(self.up_proj, x))
