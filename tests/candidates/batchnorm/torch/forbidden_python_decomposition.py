"""Forbidden: torch._decomp's Python decomposition of native_batch_norm, which computes batch norm
with allowed operations only, so that no watcher of operations sees a batch norm kernel."""
import torch
from torch import nn
from torch._decomp import decompositions


class BatchNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        out, _, _ = decompositions.native_batch_norm(x, self.weight, self.bias, self.running_mean,
                                                     self.running_var, self.training, self.momentum, self.eps)
        return out
