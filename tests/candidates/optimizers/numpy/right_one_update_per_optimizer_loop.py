"""Correct, another style: the state kept in dicts keyed by the array's position, the momentum
buffer made lazily as torch does (None until the first step), the updates written with p[...] =
in the parameters' own dtype."""
import numpy as np


class SGD:
    def __init__(self, params, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        self.params = params
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weight_decay = weight_decay
        self.nesterov = nesterov
        self.state = {}

    def step(self, grads):
        for i in range(len(self.params)):
            p = self.params[i]
            d_p = grads[i] + self.weight_decay * p if self.weight_decay != 0 else grads[i]
            if self.momentum != 0:
                buf = self.state.get(i)
                buf = np.array(d_p, copy=True) if buf is None else self.momentum * buf + (1 - self.dampening) * d_p
                self.state[i] = buf
                d_p = d_p + self.momentum * buf if self.nesterov else buf
            p[...] = p - self.lr * d_p


class RMSprop:
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
        self.params = params
        self.lr, self.alpha, self.eps, self.weight_decay = lr, alpha, eps, weight_decay
        self.momentum, self.centered = momentum, centered
        self.square_avg = {i: np.zeros_like(p) for i, p in enumerate(params)}
        self.grad_avg = {i: np.zeros_like(p) for i, p in enumerate(params)}
        self.momentum_buffer = {i: np.zeros_like(p) for i, p in enumerate(params)}

    def step(self, grads):
        for i, p in enumerate(self.params):
            g = grads[i]
            if self.weight_decay != 0:
                g = g + self.weight_decay * p
            self.square_avg[i] = self.alpha * self.square_avg[i] + (1 - self.alpha) * np.square(g)
            if self.centered:
                self.grad_avg[i] = self.alpha * self.grad_avg[i] + (1 - self.alpha) * g
                avg = np.sqrt(self.square_avg[i] - np.square(self.grad_avg[i]))
            else:
                avg = np.sqrt(self.square_avg[i])
            avg = avg + self.eps
            if self.momentum > 0:
                self.momentum_buffer[i] = self.momentum * self.momentum_buffer[i] + g / avg
                p[...] = p - self.lr * self.momentum_buffer[i]
            else:
                p[...] = p - self.lr * g / avg
