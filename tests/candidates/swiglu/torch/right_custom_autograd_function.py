"""Correct: silu as a torch.autograd.Function with its backward written out,
silu'(z) = s + z·s·(1 - s)."""
import torch
from torch import nn


class Silu(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        s = torch.sigmoid(z)
        ctx.save_for_backward(z, s)
        return z * s

    @staticmethod
    def backward(ctx, grad):
        z, s = ctx.saved_tensors
        return grad * s * (1 + z * (1 - s))


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim: int, bias: bool = False):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=bias)

    def forward(self, x):
        return self.down_proj(Silu.apply(self.gate_proj(x)) * self.up_proj(x))
