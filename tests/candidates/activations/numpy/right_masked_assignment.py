"""Right: the two halves of the stable sigmoid written with boolean masks (each exp only where it
cannot overflow), erf through np.frompyfunc, derivatives from the function's own outputs."""
import math

import numpy as np

C = math.sqrt(2.0 / math.pi)
K = 0.044715
erf = np.frompyfunc(math.erf, 1, 1)


def sigmoid(x):
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s


def relu(x):
    out = x.copy()
    out[out < 0] = 0
    return out


def relu_grad(x):
    out = np.zeros_like(x)
    out[x > 0] = 1
    return out


def leaky_relu(x, negative_slope=0.01):
    out = x.copy()
    negative = x < 0
    out[negative] = x[negative] * x.dtype.type(negative_slope)
    return out


def leaky_relu_grad(x, negative_slope=0.01):
    out = np.ones_like(x)
    out[x <= 0] = negative_slope
    return out


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    t = np.tanh(x)
    return 1 - t * t


def _cdf(x):
    return (0.5 * (1 + erf(x / math.sqrt(2)))).astype(x.dtype)


def gelu(x, approximate="none"):
    if approximate == "none":
        return x * _cdf(x)
    return 0.5 * x * (1 + np.tanh(C * (x + K * x * x * x)))


def gelu_grad(x, approximate="none"):
    if approximate == "none":
        return _cdf(x) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    t = np.tanh(C * (x + K * x * x * x))
    sech2 = 1 - t * t
    return 0.5 * (1 + t) + 0.5 * x * sech2 * C * (1 + 3 * K * x * x)


def silu(x):
    return x * sigmoid(x)


def silu_grad(x):
    s = sigmoid(x)
    return s + x * s * (1 - s)
