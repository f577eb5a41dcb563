"""Classic bug: the variance from the first two moments, E[x²] - E[x]², in the input's float32.
On a channel around 1000 with a spread of 1, E[x²] is about 1e6 and float32 holds it to about 0.06:
the variance, about 1, keeps one digit. (Channels moved to the front and flattened to (C, n);
backward in the summed form, which is right.)"""
# expect-fail: batch_norm[a_channel_far_from_zero]
# hint: variance-without-cancellation
import numpy as np


class BatchNorm:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.training = True

    @staticmethod
    def _rows(a):
        return np.moveaxis(a, 1, 0).reshape(a.shape[1], -1)  # (C, n)

    @staticmethod
    def _unrows(rows, like):
        moved = np.moveaxis(like, 1, 0).shape
        return np.moveaxis(rows.reshape(moved), 0, 1)

    def forward(self, x):
        rows = self._rows(x)
        if self.training:
            n = rows.shape[1]
            mean = rows.mean(axis=1)
            var = (rows * rows).mean(axis=1) - mean * mean
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * (n / (n - 1))
        else:
            mean, var = self.running_mean.astype(x.dtype), self.running_var.astype(x.dtype)
        std = np.sqrt(var + x.dtype.type(self.eps))
        x_hat = (rows - mean[:, None]) / std[:, None]
        if self.training:
            self.x_hat, self.std = x_hat.copy(), std.copy()
        out = self.gamma.astype(x.dtype)[:, None] * x_hat + self.beta.astype(x.dtype)[:, None]
        return self._unrows(out, x)

    def backward(self, dout):
        d = self._rows(dout)
        n = d.shape[1]
        self.dbeta = d.sum(axis=1)
        self.dgamma = (d * self.x_hat).sum(axis=1)
        dx_hat = d * self.gamma.astype(dout.dtype)[:, None]
        dx = (n * dx_hat - dx_hat.sum(axis=1, keepdims=True)
              - self.x_hat * (dx_hat * self.x_hat).sum(axis=1, keepdims=True)) / (n * self.std[:, None])
        return self._unrows(dx, dout)
