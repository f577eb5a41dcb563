"""Forbidden: the numpy track is NumPy only; this wraps torch.optim's own optimizers around the arrays
(torch.from_numpy shares their memory, so the updates even land in place)."""
import torch


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.tensors = [torch.from_numpy(p) for p in params]
        self.optimizer = torch.optim.Adam(self.tensors, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)

    def step(self, grads):
        for tensor, grad in zip(self.tensors, grads):
            tensor.grad = torch.from_numpy(grad)
        self.optimizer.step()


class AdamW(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        self.tensors = [torch.from_numpy(p) for p in params]
        self.optimizer = torch.optim.AdamW(self.tensors, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
