"""Classic bug: mean and variance over (C, H, W) of each sample, as layer norm does, instead of over
(N, H, W) of each channel. The running statistics are the right ones."""
# expect-fail: batch_norm_2d[four_dim_batches_then_eval] batch_norm_2d[channels_of_very_different_scales]
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
            with torch.no_grad():
                m = self.momentum
                self.running_mean.copy_((1 - m) * self.running_mean + m * x.mean(dim=(0, 2, 3)))
                self.running_var.copy_((1 - m) * self.running_var + m * x.var(dim=(0, 2, 3)))
            mean = x.mean(dim=(1, 2, 3), keepdim=True)  # (N, 1, 1, 1): one per sample
            var = x.var(dim=(1, 2, 3), correction=0, keepdim=True)
        else:
            mean, var = self.running_mean.view(shape), self.running_var.view(shape)
        x_hat = (x - mean) / torch.sqrt(var + self.eps)
        return self.weight.view(shape) * x_hat + self.bias.view(shape)
