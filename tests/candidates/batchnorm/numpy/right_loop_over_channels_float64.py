"""Correct: one channel at a time, every statistic in float64, and backward through the chain rule
step by step (the gradients of the variance and of the mean, then dx), as on a whiteboard."""
import numpy as np


class BatchNorm:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.training = True

    def forward(self, x):
        out = np.empty(x.shape, dtype=np.float64)
        saved = []
        for c in range(self.num_features):
            values = x[:, c].astype(np.float64)
            n = values.size
            if self.training:
                mean = values.sum() / n
                var = ((values - mean) ** 2).sum() / n
                self.running_mean[c] = (1 - self.momentum) * self.running_mean[c] + self.momentum * mean
                self.running_var[c] = (1 - self.momentum) * self.running_var[c] + self.momentum * var * n / (n - 1)
            else:
                mean, var = self.running_mean[c], self.running_var[c]
            centered = values - mean
            std = np.sqrt(var + self.eps)
            out[:, c] = self.gamma[c] * centered / std + self.beta[c]
            saved.append((centered, std))
        if self.training:
            self.saved = saved
        return out.astype(x.dtype)

    def backward(self, dout):
        dx = np.empty(dout.shape, dtype=np.float64)
        self.dgamma = np.zeros(self.num_features)
        self.dbeta = np.zeros(self.num_features)
        for c, (centered, std) in enumerate(self.saved):
            d = dout[:, c].astype(np.float64)
            n = d.size
            self.dbeta[c] = d.sum()
            self.dgamma[c] = (d * centered / std).sum()
            dx_hat = d * self.gamma[c]
            dvar = (dx_hat * centered).sum() * -0.5 * std ** -3
            dmean = -dx_hat.sum() / std + dvar * -2.0 * centered.sum() / n
            dx[:, c] = dx_hat / std + dvar * 2.0 * centered / n + dmean / n
        return dx.astype(dout.dtype)
