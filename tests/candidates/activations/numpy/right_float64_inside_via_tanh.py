"""Right: every function computed in float64 and cast back to x's dtype; sigmoid as
(1 + tanh(x / 2)) / 2, which cannot overflow; erf through math.erf on the flattened array."""
import math

import numpy as np


def _f64(x):
    return np.asarray(x, dtype=np.float64)


def sigmoid(x):
    return (0.5 * (1.0 + np.tanh(0.5 * _f64(x)))).astype(x.dtype)


def sigmoid_grad(x):
    t = np.tanh(0.5 * _f64(x))
    return (0.25 * (1.0 - t * t)).astype(x.dtype)


def relu(x):
    return np.where(x > 0, x, np.zeros_like(x))


def relu_grad(x):
    return np.where(x > 0, 1, 0).astype(x.dtype)


def leaky_relu(x, negative_slope=0.01):
    z = _f64(x)
    return np.where(z > 0, z, negative_slope * z).astype(x.dtype)


def leaky_relu_grad(x, negative_slope=0.01):
    out = np.full(x.shape, negative_slope, dtype=np.float64)
    out[x > 0] = 1.0
    return out.astype(x.dtype)


def tanh(x):
    return np.tanh(_f64(x)).astype(x.dtype)


def tanh_grad(x):
    t = np.tanh(_f64(x))
    return ((1.0 - t) * (1.0 + t)).astype(x.dtype)


def _phi(z):
    """The standard normal CDF, elementwise."""
    flat = [0.5 * math.erfc(-v / math.sqrt(2.0)) for v in z.ravel()]
    return np.array(flat, dtype=np.float64).reshape(z.shape)


def _inner(z):
    return math.sqrt(2.0 / math.pi) * (z + 0.044715 * z ** 3)


def gelu(x, approximate="none"):
    z = _f64(x)
    if approximate == "tanh":
        out = 0.5 * z * (1.0 + np.tanh(_inner(z)))
    else:
        out = z * _phi(z)
    return out.astype(x.dtype)


def gelu_grad(x, approximate="none"):
    z = _f64(x)
    if approximate == "tanh":
        t = np.tanh(_inner(z))
        du = math.sqrt(2.0 / math.pi) * (1.0 + 3 * 0.044715 * z ** 2)
        out = 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t) * (1.0 + t) * du
    else:
        out = _phi(z) + z * np.exp(-0.5 * z ** 2) / math.sqrt(2.0 * math.pi)
    return out.astype(x.dtype)


def silu(x):
    z = _f64(x)
    return (z * 0.5 * (1.0 + np.tanh(0.5 * z))).astype(x.dtype)


def silu_grad(x):
    z = _f64(x)
    s = 0.5 * (1.0 + np.tanh(0.5 * z))
    return (s + z * s * (1.0 - s)).astype(x.dtype)
