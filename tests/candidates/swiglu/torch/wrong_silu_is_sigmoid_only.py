"""Classic bug: silu taken as sigmoid(z), the z in front forgotten."""
# expect-fail: swiglu[tokens_with_bias] swiglu[float64_by_default] swiglu[a_single_vector]
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
        return self.down_proj(torch.sigmoid(self.gate_proj(x)) * self.up_proj(x))
