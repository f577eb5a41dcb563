"""Classic bug: leaky_relu'(0) = 1 (x >= 0), where torch says negative_slope."""
# expect-fail: leaky_relu_grad[exact_zeros_among_other_values] leaky_relu_grad[exact_zeros_in_float64_with_a_slope_of_a_fifth]
# hint: kinks-and-dtypes
import math

import numpy as np

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
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
    return np.where(x >= 0, 1.0, negative_slope).astype(x.dtype)


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
