"""Forbidden: group norm with one group per channel over (1, C, N*H*W), looked up by a name built at
run time (no static scan can fold it); the running statistics are kept by hand."""
import torch
from torch import nn

NAME = "".join(reversed("mron_puorg"))


class BatchNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        shape = (1, -1, 1, 1)
        if not self.training:
            x_hat = (x - self.running_mean.view(shape)) / torch.sqrt(self.running_var.view(shape) + self.eps)
            return self.weight.view(shape) * x_hat + self.bias.view(shape)
        channels = x.shape[1]
        rows = x.transpose(0, 1).reshape(1, channels, -1)
        with torch.no_grad():
            m = self.momentum
            self.running_mean.copy_((1 - m) * self.running_mean + m * rows[0].mean(dim=1))
            self.running_var.copy_((1 - m) * self.running_var + m * rows[0].var(dim=1))
        out = getattr(torch, NAME)(rows, channels, self.weight, self.bias, self.eps)
        return out.reshape(channels, x.shape[0], *x.shape[2:]).transpose(0, 1)
