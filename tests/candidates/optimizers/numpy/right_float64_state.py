"""Correct, another style: every state array in float64 whatever the parameters' dtype, the SGD
buffer made on the first step with a flag, the new value computed in float64 and copied back into
the caller's array (np.copyto keeps its dtype), and lr read as an attribute at every step."""
import numpy as np


class SGD:
    def __init__(self, params, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        if nesterov and not (momentum > 0 and dampening == 0):
            raise ValueError("nesterov=True needs momentum > 0 and dampening == 0")
        self.params, self.lr = params, lr
        self.momentum, self.dampening, self.weight_decay, self.nesterov = momentum, dampening, weight_decay, nesterov
        self.buffers = [np.zeros(np.shape(p)) for p in params]
        self.started = False

    def step(self, grads):
        for p, g, buf in zip(self.params, grads, self.buffers):
            p64 = p.astype(np.float64)
            d = g.astype(np.float64) + self.weight_decay * p64
            if self.momentum != 0:
                if self.started:
                    buf *= self.momentum
                    buf += (1 - self.dampening) * d
                else:
                    buf[...] = d
                d = d + self.momentum * buf if self.nesterov else buf
            np.copyto(p, p64 - self.lr * d, casting="same_kind")
        self.started = True


class RMSprop:
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
        self.params, self.lr, self.alpha, self.eps = params, lr, alpha, eps
        self.weight_decay, self.momentum, self.centered = weight_decay, momentum, centered
        self.state = [{"v": np.zeros(np.shape(p)), "mean": np.zeros(np.shape(p)), "buf": np.zeros(np.shape(p))}
                      for p in params]

    def step(self, grads):
        for p, g, s in zip(self.params, grads, self.state):
            p64 = p.astype(np.float64)
            g = g.astype(np.float64) + self.weight_decay * p64
            s["v"] += (1 - self.alpha) * (g ** 2 - s["v"])  # the same average, written as a lerp
            variance = s["v"]
            if self.centered:
                s["mean"] += (1 - self.alpha) * (g - s["mean"])
                variance = variance - s["mean"] ** 2
            update = g / (np.sqrt(variance) + self.eps)
            if self.momentum > 0:
                s["buf"] = self.momentum * s["buf"] + update
                update = s["buf"]
            np.copyto(p, p64 - self.lr * update, casting="same_kind")
