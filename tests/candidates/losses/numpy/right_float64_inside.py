"""Right: float64 inside, cast back to the input's dtype; logaddexp for -log sigmoid, smooth L1 as
a Huber divided by beta, the counts written out."""
import numpy as np


def _reduce(losses, reduction, like):
    if reduction == "sum":
        losses = losses.sum()
    elif reduction == "mean":
        losses = losses.sum() / losses.size
    elif reduction == "batchmean":
        losses = losses.sum() / losses.shape[0]
    return np.asarray(losses, dtype=like.dtype)


def _f64(*arrays):
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def mse_loss(input, target, reduction="mean"):
    x, y = _f64(input, target)
    return _reduce((x - y) ** 2, reduction, input)


def l1_loss(input, target, reduction="mean"):
    x, y = _f64(input, target)
    return _reduce(np.abs(x - y), reduction, input)


def _huber(d, delta):
    small = np.minimum(np.abs(d), delta)
    return 0.5 * small**2 + delta * (np.abs(d) - small)


def huber_loss(input, target, reduction="mean", delta=1.0):
    x, y = _f64(input, target)
    return _reduce(_huber(x - y, delta), reduction, input)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    x, y = _f64(input, target)
    return _reduce(_huber(x - y, beta) / beta, reduction, input)


def binary_cross_entropy(input, target, reduction="mean"):
    p, y = _f64(input, target)
    with np.errstate(divide="ignore"):
        losses = -(y * np.clip(np.log(p), -100, None) + (1 - y) * np.clip(np.log1p(-p), -100, None))
    return _reduce(losses, reduction, input)


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    x, y = _f64(input, target)
    return _reduce(y * np.logaddexp(0, -x) + (1 - y) * np.logaddexp(0, x), reduction, input)


def kl_div(input, target, reduction="mean"):
    x, t = _f64(input, target)
    losses = np.zeros_like(t)
    kept = t > 0
    losses[kept] = t[kept] * (np.log(t[kept]) - x[kept])
    return _reduce(losses, reduction, input)
