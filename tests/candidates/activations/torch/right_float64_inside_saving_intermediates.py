"""Right: forward works in float64 and saves what backward needs (the CDF and the density, or
sigmoid(x)) rather than x; the normal CDF through torch.special.ndtr."""
import math

import torch

C = math.sqrt(2.0 / math.pi)


class GELUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, approximate="none"):
        z = x.double()
        if approximate == "tanh":
            inner = C * (z + 0.044715 * z ** 3)
            t = torch.tanh(inner)
            out = 0.5 * z * (1 + t)
            slope = 0.5 * (1 + t) + 0.5 * z * (1 - t) * (1 + t) * C * (1 + 0.134145 * z * z)
        else:
            cdf = torch.special.ndtr(z)
            out = z * cdf
            slope = cdf + z * torch.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
        ctx.save_for_backward(slope)
        return out.to(x.dtype)

    @staticmethod
    def backward(ctx, grad_output):
        (slope,) = ctx.saved_tensors
        return (grad_output.double() * slope).to(grad_output.dtype), None


class SiLUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.sigmoid(x)
        ctx.save_for_backward(x, s)
        return x * s

    @staticmethod
    def backward(ctx, grad_output):
        x, s = ctx.saved_tensors
        return grad_output * (s + x * s * (1 - s))


def gelu(x, approximate="none"):
    return GELUFunction.apply(x, approximate)


def silu(x):
    return SiLUFunction.apply(x)
