"""Classic bug: sqrt(2 / pi) written as 0.79788, 5.7e-6 off: float32 hides it, float64 does not."""
# expect-fail: gelu[values_around_zero_in_float64_with_the_tanh_approximation] gelu_grad[values_around_zero_in_float64_with_the_tanh_approximation]
# hint: derivatives
import math

import numpy as np

SQRT_2_OVER_PI = 0.79788
_erf = np.vectorize(math.erf, otypes=[np.float64])


def sigmoid(x):
    # exp of -|x| only: it lies in (0, 1], so nothing overflows for any x.
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def relu(x):
    return np.maximum(x, 0)


def relu_grad(x):
    return (x > 0).astype(x.dtype)


def leaky_relu(x, negative_slope=0.01):
    return np.where(x > 0, x, x * negative_slope).astype(x.dtype)


def leaky_relu_grad(x, negative_slope=0.01):
    return np.where(x > 0, 1.0, negative_slope).astype(x.dtype)


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    return 1 - np.tanh(x) ** 2


def gelu(x, approximate="none"):
    if approximate == "tanh":
        return 0.5 * x * (1 + np.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3)))
    return (0.5 * x * (1 + _erf(x / math.sqrt(2)))).astype(x.dtype)


def gelu_grad(x, approximate="none"):
    if approximate == "tanh":
        t = np.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)
    cdf = 0.5 * (1 + _erf(x / math.sqrt(2)))
    pdf = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
    return (cdf + x * pdf).astype(x.dtype)


def silu(x):
    return x * sigmoid(x)


def silu_grad(x):
    s = sigmoid(x)
    return s * (1 + x * (1 - s))
