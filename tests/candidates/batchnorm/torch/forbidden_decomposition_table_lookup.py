"""Forbidden: the decomposition of aten::native_batch_norm fetched from torch._decomp's table by
the operation's printed name, never spelled as an attribute; it runs the module's helper, which is
watched by name."""
import torch
from torch import nn
from torch._decomp import decomposition_table

OP = next(op for op in decomposition_table if str(op) == "aten.native_batch_norm.default")


class BatchNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        out, _, _ = decomposition_table[OP](x, self.weight, self.bias, self.running_mean,
                                            self.running_var, self.training, self.momentum, self.eps)
        return out
