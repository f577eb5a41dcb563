"""Correct: channels moved to the front and flattened, every statistic in float64, the result cast
back to the input's dtype; the buffers replaced by assignment with detached tensors of their own
dtype and device."""
import torch
from torch import nn


class BatchNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        rows = x.transpose(0, 1).reshape(x.shape[1], -1).double()  # (C, N*H*W)
        if self.training:
            n = rows.shape[1]
            mean = rows.sum(dim=1) / n
            var = ((rows - mean[:, None]) ** 2).sum(dim=1) / n
            m = self.momentum
            new_mean = (1 - m) * self.running_mean.double() + m * mean.detach()
            new_var = (1 - m) * self.running_var.double() + m * var.detach() * n / (n - 1)
            self.running_mean = new_mean.to(self.running_mean.dtype)
            self.running_var = new_var.to(self.running_var.dtype)
        else:
            mean, var = self.running_mean.double(), self.running_var.double()
        x_hat = (rows - mean[:, None]) / (var[:, None] + self.eps).sqrt()
        out = self.weight.double()[:, None] * x_hat + self.bias.double()[:, None]
        return out.reshape(x.shape[1], x.shape[0], *x.shape[2:]).transpose(0, 1).to(x.dtype)
