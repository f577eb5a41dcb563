"""Classic bug: sqrt(2 / pi) written as 0.79788, 5.7e-6 off: float32 hides it, float64 does not."""
# expect-fail: gelu[values_around_zero_in_float64_with_the_tanh_approximation]
# hint: derivatives
import math

import torch

SQRT_2_OVER_PI = 0.79788


class GELUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, approximate="none"):
        ctx.save_for_backward(x)
        ctx.approximate = approximate
        if approximate == "tanh":
            return 0.5 * x * (1 + torch.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3)))
        return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        if ctx.approximate == "tanh":
            t = torch.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))
            grad = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)
        else:
            pdf = torch.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
            grad = 0.5 * (1 + torch.erf(x / math.sqrt(2))) + x * pdf
        return grad_output * grad, None  # no gradient for the string `approximate`


class SiLUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * s * (1 + x * (1 - s))


def gelu(x, approximate="none"):
    return GELUFunction.apply(x, approximate)


def silu(x):
    return SiLUFunction.apply(x)
