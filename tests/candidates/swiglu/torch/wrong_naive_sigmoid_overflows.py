"""Classic bug: sigmoid written 1 / (1 + exp(-z)): the forward survives (1 / inf is 0), but autograd
multiplies 0 by exp(-z) = inf, and the gradients of a pre-activation in the hundreds are NaN."""
# expect-fail: swiglu[pre_activations_in_the_hundreds_with_bias] swiglu[pre_activations_in_the_thousands_in_float64]
# hint: a-sigmoid-that-never-overflows
import torch
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim: int, bias: bool = False):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=bias)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=bias)

    def forward(self, x):
        gate = self.gate_proj(x)
        return self.down_proj(gate / (1 + torch.exp(-gate)) * self.up_proj(x))
