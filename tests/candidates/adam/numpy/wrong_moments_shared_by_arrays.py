"""Classic bug: one first and one second moment for the whole optimizer instead of one per array;
every array's gradient is mixed into the same running averages."""
# expect-fail: adam[arrays_of_the_same_shape] adamw[arrays_of_the_same_shape]
# hint: state-per-array-count-per-step
import numpy as np


class Adam:
    decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = params
        self.lr, self.eps, self.weight_decay = lr, eps, weight_decay
        self.beta1, self.beta2 = betas
        self.m = 0.0
        self.v = 0.0
        self.t = 0

    def step(self, grads):
        self.t += 1
        bias_correction1 = 1 - self.beta1 ** self.t
        bias_correction2 = 1 - self.beta2 ** self.t
        for p, g in zip(self.params, grads):
            if self.weight_decay and self.decoupled:
                p *= 1 - self.lr * self.weight_decay
            elif self.weight_decay:
                g = g + self.weight_decay * p
            self.m = self.beta1 * self.m + (1 - self.beta1) * g
            self.v = self.beta2 * self.v + (1 - self.beta2) * g * g
            m, v = self.m, self.v
            denominator = np.sqrt(v) / bias_correction2 ** 0.5 + self.eps
            p -= self.lr / bias_correction1 * m / denominator


class AdamW(Adam):
    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
