"""Forbidden: the ATen kernel behind F.batch_norm, reached through an alias of torch.ops.aten (out
of the static scan's sight) and called from a worker thread (out of the thread-local modes')."""
from concurrent.futures import ThreadPoolExecutor

import torch
from torch import nn

aten = torch.ops.aten


class BatchNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        kernel = aten._native_batch_norm_legit
        with ThreadPoolExecutor(1) as pool:
            out, _, _ = pool.submit(kernel, x, self.weight, self.bias, self.running_mean, self.running_var,
                                    self.training, self.momentum, self.eps).result()
        return out
