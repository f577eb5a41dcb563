"""Classic bug: running = momentum * running + (1 - momentum) * batch, which keeps 10% of the
history instead of 90%."""
# expect-fail: batch_norm_2d[four_dim_batches_then_eval] batch_norm_2d[non_default_momentum_and_eps]
# hint: train-and-eval
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
        if self.training:
            mean = x.mean(dim=(0, 2, 3))
            var = x.var(dim=(0, 2, 3), correction=0)  # the biased variance normalizes
            n = x.numel() // x.shape[1]
            with torch.no_grad():  # bookkeeping: the running statistics stay out of the graph
                m = self.momentum
                self.running_mean.copy_(m * self.running_mean + (1 - m) * mean)
                self.running_var.copy_(m * self.running_var + (1 - m) * var * n / (n - 1))
        else:
            mean, var = self.running_mean, self.running_var
        shape = (1, -1, 1, 1)  # a per-channel vector against (N, C, H, W)
        x_hat = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + self.eps)
        return self.weight.view(shape) * x_hat + self.bias.view(shape)
