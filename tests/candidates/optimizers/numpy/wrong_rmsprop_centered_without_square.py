"""Classic bug: centered RMSprop subtracts the running mean of the gradients instead of its
square from the running mean of their squares."""
# expect-fail: rmsprop[centered] rmsprop[zero_gradients_at_some_steps]
# hint: rmsprop-denominator
import numpy as np


class SGD:
    def __init__(self, params, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        self.params = params  # the caller's arrays: step() writes into them
        self.lr, self.momentum, self.dampening = lr, momentum, dampening
        self.weight_decay, self.nesterov = weight_decay, nesterov
        self.buffers = [None] * len(params)  # one momentum buffer per array, made at the first step

    def step(self, grads):
        for i, (p, g) in enumerate(zip(self.params, grads)):
            if self.weight_decay:
                g = g + self.weight_decay * p  # a new array: the caller's gradient stays as it was
            if self.momentum:
                if self.buffers[i] is None:
                    self.buffers[i] = g.copy()  # the first step: the gradient itself, undamped
                else:
                    self.buffers[i] = self.momentum * self.buffers[i] + (1 - self.dampening) * g
                g = g + self.momentum * self.buffers[i] if self.nesterov else self.buffers[i]
            p -= self.lr * g  # in place: p keeps its dtype


class RMSprop:
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
        self.params = params
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.weight_decay, self.momentum, self.centered = weight_decay, momentum, centered
        self.square_avg = [np.zeros_like(p) for p in params]
        self.grad_avg = [np.zeros_like(p) for p in params]  # used when centered
        self.buffers = [np.zeros_like(p) for p in params]  # used with momentum

    def step(self, grads):
        for p, g, v, mean, buf in zip(self.params, grads, self.square_avg, self.grad_avg, self.buffers):
            if self.weight_decay:
                g = g + self.weight_decay * p
            v[...] = self.alpha * v + (1 - self.alpha) * g * g
            if self.centered:
                mean[...] = self.alpha * mean + (1 - self.alpha) * g
                avg = np.sqrt(np.abs(v - mean)) + self.eps  # the variance: the mean's square taken out
            else:
                avg = np.sqrt(v) + self.eps  # eps after the square root
            if self.momentum > 0:
                buf[...] = self.momentum * buf + g / avg
                p -= self.lr * buf  # lr outside the buffer: a new lr applies at once
            else:
                p -= self.lr * g / avg
