"""Correct, another style: torch's own bookkeeping, a state dict per array with its own step count,
lerp for the first moment, addcdiv-like update with the step size lr / bias_correction1, and two
independent classes."""
import math

import numpy as np


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.params = params
        self.defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        self.state = [{"step": 0, "exp_avg": np.zeros_like(p), "exp_avg_sq": np.zeros_like(p)} for p in params]

    def step(self, grads):
        lr, (beta1, beta2), eps, weight_decay = (self.defaults[k] for k in ("lr", "betas", "eps", "weight_decay"))
        for param, grad, state in zip(self.params, grads, self.state):
            state["step"] += 1
            if weight_decay != 0:
                grad = grad + weight_decay * param
            exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
            exp_avg += (grad - exp_avg) * (1 - beta1)  # lerp
            exp_avg_sq *= beta2
            exp_avg_sq += (1 - beta2) * np.square(grad)
            step_size = lr / (1 - beta1 ** state["step"])
            denom = np.sqrt(exp_avg_sq) / math.sqrt(1 - beta2 ** state["step"]) + eps
            param[...] = param - step_size * (exp_avg / denom)


class AdamW:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        self.params = params
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, *betas, eps, weight_decay
        self.state = [{"step": 0, "exp_avg": np.zeros_like(p), "exp_avg_sq": np.zeros_like(p)} for p in params]

    def step(self, grads):
        for param, grad, state in zip(self.params, grads, self.state):
            state["step"] += 1
            param -= self.lr * self.weight_decay * param
            exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
            exp_avg += (grad - exp_avg) * (1 - self.beta1)
            exp_avg_sq *= self.beta2
            exp_avg_sq += (1 - self.beta2) * grad * grad
            step_size = self.lr / (1 - self.beta1 ** state["step"])
            denom = np.sqrt(exp_avg_sq) / math.sqrt(1 - self.beta2 ** state["step"]) + self.eps
            param -= step_size * exp_avg / denom
