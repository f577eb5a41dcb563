"""Right: one Python loop over the flattened elements per loss, math's functions on scalars."""
import math

import numpy as np


def _finish(values, shape, reduction, dtype):
    if reduction == "none":
        return np.array(values, dtype=dtype).reshape(shape)
    total = math.fsum(values)
    if reduction == "mean":
        total /= len(values)
    elif reduction == "batchmean":
        total /= shape[0]
    return np.asarray(total, dtype=dtype)


def _each(f, input, target, reduction):
    values = [f(float(a), float(b)) for a, b in zip(input.ravel(), target.ravel())]
    return _finish(values, input.shape, reduction, input.dtype)


def mse_loss(input, target, reduction="mean"):
    return _each(lambda a, b: (a - b) ** 2, input, target, reduction)


def l1_loss(input, target, reduction="mean"):
    return _each(lambda a, b: abs(a - b), input, target, reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    def f(a, b):
        d = abs(a - b)
        return 0.5 * d * d / beta if d < beta else d - 0.5 * beta
    return _each(f, input, target, reduction)


def huber_loss(input, target, reduction="mean", delta=1.0):
    def f(a, b):
        d = abs(a - b)
        return 0.5 * d * d if d <= delta else delta * (d - 0.5 * delta)
    return _each(f, input, target, reduction)


def _log(v):
    return max(math.log(v), -100.0) if v > 0 else -100.0


def binary_cross_entropy(input, target, reduction="mean"):
    return _each(lambda p, y: -(y * _log(p) + (1 - y) * _log(1 - p)), input, target, reduction)


def _softplus(z):  # log(1 + e^z) without overflow
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    return _each(lambda x, y: y * _softplus(-x) + (1 - y) * _softplus(x), input, target, reduction)


def kl_div(input, target, reduction="mean"):
    return _each(lambda x, t: t * (math.log(t) - x) if t > 0 else 0.0, input, target, reduction)
