"""Classic bug: statistics over N only, one mean and variance per (c, h, w) instead of one per
channel; the running statistics average the per-pixel ones over H and W."""
# expect-fail: batch_norm_2d[four_dim_batches_then_eval] batch_norm_2d[batch_of_one_large_map]
# hint: statistics-per-channel
import torch
from torch import nn


class BatchNorm2d(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps = eps
        self.momentum = momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        shape = (1, -1, 1, 1)
        if self.training:
            mean = x.mean(dim=0, keepdim=True)  # (1, C, H, W): one per pixel of each channel
            var = x.var(dim=0, correction=0, keepdim=True)
            n = x.shape[0]
            with torch.no_grad():
                m = self.momentum
                self.running_mean.copy_((1 - m) * self.running_mean + m * mean.mean(dim=(0, 2, 3)))
                self.running_var.copy_((1 - m) * self.running_var + m * (var * n / (n - 1)).mean(dim=(0, 2, 3)))
        else:
            mean, var = self.running_mean.view(shape), self.running_var.view(shape)
        x_hat = (x - mean) / torch.sqrt(var + self.eps)
        return self.weight.view(shape) * x_hat + self.bias.view(shape)
