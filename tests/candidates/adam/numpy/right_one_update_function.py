"""Correct, another style: one update function shared by both classes, the moments in float64
whatever the parameters' dtype, and AdamW's decay folded into the same expression (with the old p)."""
import numpy as np


def adam_update(p, g, m, v, t, lr, betas, eps, decoupled_decay=0.0):
    """Updates m and v in place; returns the new value of p in float64."""
    beta1, beta2 = betas
    m[...] = beta1 * m + (1 - beta1) * g
    v[...] = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return p - lr * (m_hat / (np.sqrt(v_hat) + eps) + decoupled_decay * p)


class _AdamBase:
    def __init__(self, params, lr, betas, eps, weight_decay):
        self.params, self.lr, self.betas, self.eps, self.weight_decay = params, lr, betas, eps, weight_decay
        self.moments = [(np.zeros(np.shape(p)), np.zeros(np.shape(p))) for p in params]
        self.t = 0

    def step(self, grads):
        self.t += 1
        for p, g, (m, v) in zip(self.params, grads, self.moments):
            p64, g64 = p.astype(np.float64), g.astype(np.float64)
            if self.decoupled:
                new = adam_update(p64, g64, m, v, self.t, self.lr, self.betas, self.eps, self.weight_decay)
            else:
                new = adam_update(p64, g64 + self.weight_decay * p64, m, v, self.t, self.lr, self.betas, self.eps)
            np.copyto(p, new, casting="same_kind")


class Adam(_AdamBase):
    decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, betas, eps, weight_decay)


class AdamW(_AdamBase):
    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
