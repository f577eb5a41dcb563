"""Forbidden: no import at all; takes torch from sys.modules, where the grading process might have
left it, when the first step runs."""
import sys


class Adam:
    kind = "Adam"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = params
        self.options = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        self.optimizer = None

    def step(self, grads):
        torch = sys.modules["torch"]
        if self.optimizer is None:
            self.tensors = [torch.from_numpy(p) for p in self.params]
            self.optimizer = getattr(torch.optim, self.kind)(self.tensors, **self.options)
        for tensor, grad in zip(self.tensors, grads):
            tensor.grad = torch.from_numpy(grad)
        self.optimizer.step()


class AdamW(Adam):
    kind = "AdamW"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
