"""Right: sigmoid through the stable two-branch form with torch.where on exp(-|x|), SiLU's
derivative from its own output (silu' = s + y (1 - s)), GELU's pdf via exp and erfc."""
import math

import torch


def _sigmoid(x):
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


class GELUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, approximate="none"):
        ctx.save_for_backward(x)
        ctx.approximate = approximate
        if approximate == "none":
            return x * 0.5 * torch.erfc(-x / math.sqrt(2))
        k = math.sqrt(2 / math.pi)
        return x * _sigmoid(2 * k * (x + 0.044715 * x * x * x))  # 0.5 (1 + tanh u) = sigmoid(2u)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        if ctx.approximate == "none":
            d = 0.5 * torch.erfc(-x / math.sqrt(2)) + x * torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)
        else:
            k = math.sqrt(2 / math.pi)
            s = _sigmoid(2 * k * (x + 0.044715 * x * x * x))
            d = s + x * 2 * s * (1 - s) * k * (1 + 3 * 0.044715 * x * x)
        return grad_output * d, None


class SiLUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = _sigmoid(x)
        y = x * s
        ctx.save_for_backward(s, y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        s, y = ctx.saved_tensors
        return grad_output * (s + y * (1 - s))


def gelu(x, approximate="none"):
    return GELUFunction.apply(x, approximate)


def silu(x):
    return SiLUFunction.apply(x)
