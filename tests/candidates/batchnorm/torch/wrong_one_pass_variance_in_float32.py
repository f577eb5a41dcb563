"""Classic bug: the variance as E[x²] - E[x]² in float32. On a channel around 1000 with a spread
of 1, E[x²] is about 1e6, held to about 0.06: the variance, about 1, keeps one digit, where
nn.BatchNorm2d's is right to float32's precision."""
# expect-fail: batch_norm_2d[a_channel_far_from_zero]
# hint: variance-without-cancellation
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
        view = (1, -1, 1, 1)
        if self.training:
            n = x.numel() // x.shape[1]
            mean = x.mean(dim=(0, 2, 3))
            var = (x * x).mean(dim=(0, 2, 3)) - mean * mean
            with torch.no_grad():
                self.running_mean.lerp_(mean, self.momentum)
                self.running_var.lerp_(var * n / (n - 1), self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        x_hat = (x - mean.view(view)) / torch.sqrt(var.view(view) + self.eps)
        return x_hat * self.weight.view(view) + self.bias.view(view)
