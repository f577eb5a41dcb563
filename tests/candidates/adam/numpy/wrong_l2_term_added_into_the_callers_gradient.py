"""Classic bug: Adam's L2 term is added into the caller's gradient array (`g += wd * p`), so the
caller's gradients change under it; torch.optim.Adam leaves p.grad as it was."""
# expect-fail: adam[with_weight_decay]
# hint: two-kinds-of-weight-decay
import numpy as np


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params, self.lr, self.betas, self.eps, self.weight_decay = params, lr, betas, eps, weight_decay
        self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        self.steps = 0

    def _decay(self, p, g):
        np.add(g, self.weight_decay * p, out=g)

    def step(self, grads):
        self.steps += 1
        beta1, beta2 = self.betas
        for p, g, (m, v) in zip(self.params, grads, self.state):
            if self.weight_decay:
                self._decay(p, g)
            m[...] = beta1 * m + (1 - beta1) * g
            v[...] = beta2 * v + (1 - beta2) * g * g
            m_hat = m / (1 - beta1 ** self.steps)
            v_hat = v / (1 - beta2 ** self.steps)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)

    def _decay(self, p, g):
        p *= 1 - self.lr * self.weight_decay
