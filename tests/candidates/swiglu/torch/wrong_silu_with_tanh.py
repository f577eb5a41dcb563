"""Classic bug: silu written z * tanh(z) (mixing it up with mish or tanh-GELU)."""
# expect-fail: swiglu[tokens_with_bias] swiglu[float64_by_default] swiglu[four_dimensions]
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
        return self.down_proj(gate * torch.tanh(gate) * self.up_proj(x))
