"""Classic bug: statistics over axis 0 only, the (N, C) formula applied to (N, C, H, W): a 4-D input
gets one mean and variance per (c, h, w) instead of one per channel (the (N, C) case is right).
Backward is consistent with that forward; the running statistics average the per-pixel ones."""
# expect-fail: batch_norm[four_dim_batches_then_eval] batch_norm[batch_of_one_large_map]
# hint: statistics-per-channel
import numpy as np


class BatchNorm:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.training = True

    def forward(self, x):
        shape = (1, -1) + (1,) * (x.ndim - 2)
        channel_axes = (0,) + tuple(range(2, x.ndim))
        if self.training:
            mean = x.mean(axis=0, keepdims=True)  # (1, C, H, W) for a 4-D input
            var = x.var(axis=0, keepdims=True)
            n = x.shape[0]
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean.mean(axis=channel_axes)
            self.running_var = (1 - m) * self.running_var + m * (var * n / (n - 1)).mean(axis=channel_axes)
        else:
            mean, var = self.running_mean.reshape(shape), self.running_var.reshape(shape)
        inv_std = 1.0 / np.sqrt(var + self.eps)
        x_hat = (x - mean) * inv_std
        if self.training:
            self.cache = (x_hat, inv_std, channel_axes, shape)
        out = self.gamma.reshape(shape) * x_hat + self.beta.reshape(shape)
        return out.astype(x.dtype, copy=False)

    def backward(self, dout):
        x_hat, inv_std, channel_axes, shape = self.cache
        self.dbeta = dout.sum(axis=channel_axes)
        self.dgamma = (dout * x_hat).sum(axis=channel_axes)
        dx_hat = dout * self.gamma.reshape(shape)
        dx = inv_std * (dx_hat - dx_hat.mean(axis=0, keepdims=True)
                        - x_hat * (dx_hat * x_hat).mean(axis=0, keepdims=True))
        return dx.astype(dout.dtype, copy=False)
