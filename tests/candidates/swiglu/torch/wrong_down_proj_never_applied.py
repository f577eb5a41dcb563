"""Classic bug: down_proj built but never applied: the wrong shape where hidden_dim != dim, wrong
values (and no gradient for down_proj) where they are equal."""
# expect-fail: swiglu[hidden_as_wide_as_the_input_with_bias] swiglu[hidden_as_wide_as_the_input_without_bias_in_float64] swiglu[tokens_with_bias]
# hint: which-projection-is-gated
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
        return gate * torch.sigmoid(gate) * self.up_proj(x)
