"""Classic bug: the projections built with nn.Linear's own default, bias=True, whatever `bias` says:
the module has three bias parameters the contract does not."""
# expect-fail: swiglu[tokens_without_bias_by_default] swiglu[hidden_narrower_than_the_input_without_bias] swiglu[float64_by_default]
# hint: which-projection-is-gated
import torch
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, dim: int, hidden_dim: int, bias: bool = False):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim)
        self.up_proj = nn.Linear(dim, hidden_dim)
        self.down_proj = nn.Linear(hidden_dim, dim)

    def forward(self, x):
        gate = self.gate_proj(x)
        return self.down_proj(gate * torch.sigmoid(gate) * self.up_proj(x))
