"""Classic bug: step() puts new arrays into the list instead of updating the caller's arrays in place
(the values read back look right; the model holding the arrays never sees an update)."""
# expect-fail: step_updates_the_given_arrays_in_place[Adam] step_updates_the_given_arrays_in_place[AdamW]
# hint: update-the-callers-arrays
import numpy as np


class Adam:
    decoupled = False  # AdamW: decay the weights directly instead of adding the L2 term to the gradient

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = params  # the caller's arrays: step() writes into them
        self.lr, self.eps, self.weight_decay = lr, eps, weight_decay
        self.beta1, self.beta2 = betas
        self.m = [np.zeros_like(p) for p in params]  # one pair of moments per array, in its dtype
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads):
        self.t += 1  # the first step is t = 1
        bias_correction1 = 1 - self.beta1 ** self.t
        bias_correction2 = 1 - self.beta2 ** self.t
        for index, (p, g, m, v) in enumerate(zip(self.params, grads, self.m, self.v)):
            if self.weight_decay and self.decoupled:
                p *= 1 - self.lr * self.weight_decay
            elif self.weight_decay:
                g = g + self.weight_decay * p  # a new array: the caller's gradient stays as it was
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            # eps is added after the square root and after v's bias correction, as torch does.
            denominator = np.sqrt(v) / bias_correction2 ** 0.5 + self.eps
            # The bug: a new array replaces the caller's in the list; the caller's own array never moves.
            self.params[index] = (p - self.lr / bias_correction1 * m / denominator).astype(p.dtype)


class AdamW(Adam):
    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
