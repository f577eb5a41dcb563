"""Forbidden: imports torch.optim through importlib when the first step runs, under a name built at run
time, so that no import of torch shows in the file."""
import importlib


class Adam:
    kind = "Adam"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = params
        self.options = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        self.optimizer = None

    def step(self, grads):
        if self.optimizer is None:
            library = "".join(["to", "rch"])
            optim = importlib.import_module(library + ".optim")
            from_numpy = importlib.import_module(library).from_numpy
            self.tensors = [from_numpy(p) for p in self.params]
            self.optimizer = getattr(optim, self.kind)(self.tensors, **self.options)
        for tensor, grad in zip(self.tensors, grads):
            tensor.grad = tensor.new_tensor(grad)
        self.optimizer.step()


class AdamW(Adam):
    kind = "AdamW"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
