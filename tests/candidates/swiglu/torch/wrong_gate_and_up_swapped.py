"""Classic bug: silu applied to the up projection, the gate left linear."""
# expect-fail: swiglu[tokens_with_bias] swiglu[tokens_without_bias_by_default] swiglu[float64_tokens_with_bias]
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
        up = self.up_proj(x)
        return self.down_proj(self.gate_proj(x) * up * torch.sigmoid(up))
