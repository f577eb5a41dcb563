"""Trusts round(x / scale) + zero_point to stay in 0..255: with halves it reaches 256, which uint8 wraps to 0."""
# expect-fail: quantize[asymmetric_halves_with_a_zero_point_that_rounds_up] round_trip[asymmetric_halves_with_a_zero_point_that_rounds_up]
# hint: the-exact-rules
import numpy as np


def _per_slice(x, axis):
    if axis is None:
        return None, (1,) * x.ndim
    axis %= x.ndim
    return tuple(i for i in range(x.ndim) if i != axis), tuple(d if i == axis else 1 for i, d in enumerate(x.shape))


def quantize(x, symmetric=True, axis=None):
    over, shape = _per_slice(x, axis)
    if symmetric:
        scale = np.abs(x).max(axis=over) / np.float32(127)
        scale = np.where(scale == 0, np.float32(1), scale)
        q = np.clip(np.round(x / scale.reshape(shape)), -127, 127).astype(np.int8)
        return q, scale.astype(np.float32), np.zeros(scale.shape, np.int32)
    lo = np.minimum(x.min(axis=over), 0)
    hi = np.maximum(x.max(axis=over), 0)
    scale = (hi - lo) / np.float32(255)
    scale = np.where(scale == 0, np.float32(1), scale)
    zero_point = np.clip(np.round(-lo / scale), 0, 255)
    q = (np.round(x / scale.reshape(shape)) + zero_point.reshape(shape)).astype(np.uint8)
    return q, scale.astype(np.float32), zero_point.astype(np.int32)


def dequantize(q, scale, zero_point, axis=None):
    _, shape = _per_slice(q, axis)
    return (q.astype(np.int32) - zero_point.reshape(shape)).astype(np.float32) * scale.reshape(shape)
