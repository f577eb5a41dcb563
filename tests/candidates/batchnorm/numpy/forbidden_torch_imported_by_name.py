"""Forbidden: torch imported through importlib, inside forward, to borrow its batch norm."""
import importlib

import numpy as np


class BatchNorm:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)
        self.training = True

    def forward(self, x):
        torch = importlib.import_module("torch")
        mean, var = torch.from_numpy(self.running_mean.copy()), torch.from_numpy(self.running_var.copy())
        out = torch.nn.functional.batch_norm(torch.from_numpy(x.astype(np.float64)), mean, var,
                                             torch.from_numpy(np.asarray(self.gamma, dtype=np.float64)),
                                             torch.from_numpy(np.asarray(self.beta, dtype=np.float64)),
                                             self.training, self.momentum, self.eps)
        self.running_mean, self.running_var = mean.numpy(), var.numpy()
        return out.numpy().astype(x.dtype)

    def backward(self, dout):
        raise NotImplementedError
