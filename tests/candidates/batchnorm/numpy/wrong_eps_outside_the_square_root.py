"""Classic bug: divides by sqrt(var) + eps instead of sqrt(var + eps); invisible for variances near
1 and a small eps, off by percents when they are close."""
# expect-fail: batch_norm[small_variance_float64] batch_norm[small_variance_float64_two_dim] batch_norm[non_default_momentum_and_eps]
# hint: two-variances-and-eps
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
        axes = (0,) + tuple(range(2, x.ndim))  # every axis but the channels
        shape = (1, -1) + (1,) * (x.ndim - 2)  # a per-channel vector against x
        if self.training:
            mean = x.mean(axis=axes)
            var = x.var(axis=axes)  # biased (divides by n): this one normalizes
            n = x.size // x.shape[1]
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mean, var = self.running_mean, self.running_var
        inv_std = 1.0 / (np.sqrt(var) + self.eps)
        x_hat = (x - mean.reshape(shape)) * inv_std.reshape(shape)
        if self.training:
            self.cache = (x_hat, inv_std.reshape(shape), axes, shape)  # for backward, training only
        out = self.gamma.reshape(shape) * x_hat + self.beta.reshape(shape)
        return out.astype(x.dtype, copy=False)  # float64 running statistics must not leak out

    def backward(self, dout):
        x_hat, inv_std, axes, shape = self.cache
        self.dbeta = dout.sum(axis=axes)
        self.dgamma = (dout * x_hat).sum(axis=axes)
        dx_hat = dout * self.gamma.reshape(shape)
        # x moves the mean and the variance too: subtract what flows back through them.
        dx = inv_std * (dx_hat - dx_hat.mean(axis=axes, keepdims=True)
                        - x_hat * (dx_hat * x_hat).mean(axis=axes, keepdims=True))
        return dx.astype(dout.dtype, copy=False)
