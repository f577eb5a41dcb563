"""Forbidden: SiLU through F.glu, which gates one half by the sigmoid of the other:
glu(cat([x, x])) = x * sigmoid(x)."""
import math

import torch
import torch.nn.functional as F


class GELUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, approximate="none"):
        ctx.save_for_backward(x)
        ctx.approximate = approximate
        if approximate == "tanh":
            return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
        return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        if ctx.approximate == "tanh":
            k = math.sqrt(2 / math.pi)
            t = torch.tanh(k * (x + 0.044715 * x ** 3))
            return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)), None
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
        return grad_output * (cdf + x * torch.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)), None


class SiLUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return F.glu(torch.stack([x, x]), dim=0)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * s * (1 + x * (1 - s))


def gelu(x, approximate="none"):
    return GELUFunction.apply(x, approximate)


def silu(x):
    return SiLUFunction.apply(x)
