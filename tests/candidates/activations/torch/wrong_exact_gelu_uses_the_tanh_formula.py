"""Classic bug: approximate='none' computed (forward and backward) with the tanh approximation."""
# expect-fail: gelu[values_around_zero] gelu[values_around_zero_in_float64]
# hint: derivatives
import math

import torch

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


class GELUFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, approximate="none"):
        ctx.save_for_backward(x)
        # The formula everyone remembers, whatever `approximate` says.
        return 0.5 * x * (1 + torch.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3)))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        t = torch.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))
        grad = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)
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
