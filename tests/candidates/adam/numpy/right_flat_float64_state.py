"""Correct, another style: one flat float64 vector for every moment, the textbook m_hat / v_hat form
(algebraically torch's), and each array written back with p[...] = ..., which rounds to its dtype."""
import numpy as np


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = params
        self.lr, self.betas, self.eps, self.weight_decay = lr, betas, eps, weight_decay
        self.sizes = [np.size(p) for p in params]
        self.m = np.zeros(sum(self.sizes))
        self.v = np.zeros(sum(self.sizes))
        self.t = 0

    @staticmethod
    def flatten(arrays):
        return np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays])

    def decay(self, w, g):
        """L2: the penalty's gradient joins the loss's."""
        return w, g + self.weight_decay * w

    def step(self, grads):
        beta1, beta2 = self.betas
        self.t += 1
        w, g = self.decay(self.flatten(self.params), self.flatten(grads))
        self.m = beta1 * self.m + (1 - beta1) * g
        self.v = beta2 * self.v + (1 - beta2) * g ** 2
        m_hat = self.m / (1 - beta1 ** self.t)
        v_hat = self.v / (1 - beta2 ** self.t)
        w = w - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        for p, chunk in zip(self.params, np.split(w, np.cumsum(self.sizes)[:-1])):
            p[...] = chunk.reshape(np.shape(p))


class AdamW(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)

    def decay(self, w, g):
        """Decoupled: shrink the weights, leave the gradient alone."""
        return w * (1 - self.lr * self.weight_decay), g
