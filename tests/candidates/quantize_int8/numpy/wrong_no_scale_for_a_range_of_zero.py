"""Divides by a scale of 0 for a slice of zeros (NaN cast to int)."""
# expect-fail: quantize[symmetric_all_zeros] quantize[symmetric_with_a_zero_channel] quantize[asymmetric_with_a_zero_channel]
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
        q = np.clip(np.round(x / scale.reshape(shape)), -127, 127).astype(np.int8)
        return q, scale.astype(np.float32), np.zeros(scale.shape, np.int32)
    lo = np.minimum(x.min(axis=over), 0)
    hi = np.maximum(x.max(axis=over), 0)
    scale = (hi - lo) / np.float32(255)
    zero_point = np.clip(np.round(-lo / scale), 0, 255)
    q = np.clip(np.round(x / scale.reshape(shape)) + zero_point.reshape(shape), 0, 255).astype(np.uint8)
    return q, scale.astype(np.float32), zero_point.astype(np.int32)


def dequantize(q, scale, zero_point, axis=None):
    _, shape = _per_slice(q, axis)
    return (q.astype(np.int32) - zero_point.reshape(shape)).astype(np.float32) * scale.reshape(shape)
