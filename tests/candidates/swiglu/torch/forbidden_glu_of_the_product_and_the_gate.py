"""Forbidden: F.glu, which computes a * sigmoid(b) in one step: glu([g * u, g]) = silu(g) * u."""
import torch
import torch.nn.functional as F
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim: int, bias: bool = False):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=bias)

    def forward(self, x):
        gate = self.gate_proj(x)
        return self.down_proj(F.glu(torch.cat([gate * self.up_proj(x), gate], dim=-1), dim=-1))
