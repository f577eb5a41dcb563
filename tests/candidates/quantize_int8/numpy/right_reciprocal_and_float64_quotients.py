"""Multiplies by the reciprocal of the scale, in float64, with explicit broadcasting by expand_dims:
the quotients differ from float32 divisions by an ulp, and none of the cases sits that close to a half."""
import numpy as np


def quantize(x, symmetric=True, axis=None):
    if axis is None:
        flat = x.reshape(1, -1)
    else:
        flat = np.moveaxis(x, axis, 0).reshape(x.shape[axis], -1)
    if symmetric:
        scale = (np.abs(flat).max(axis=1) / np.float32(127)).astype(np.float32)
        lo = np.zeros_like(scale)
    else:
        lo = np.minimum(flat.min(axis=1), 0)
        scale = ((np.maximum(flat.max(axis=1), 0) - lo) / np.float32(255)).astype(np.float32)
    scale[scale == 0] = 1
    zero_point = np.clip(np.round(-lo.astype(np.float64) * (1.0 / scale.astype(np.float64))), 0, 255).astype(np.int32)
    inverse = 1.0 / scale.astype(np.float64)
    if axis is not None:
        others = [i for i in range(x.ndim) if i != axis % x.ndim]
        inverse, zp = np.expand_dims(inverse, others), np.expand_dims(zero_point, others)
    else:
        inverse, zp = inverse[0], zero_point[0]
    quotient = np.round(x.astype(np.float64) * inverse)
    if symmetric:
        q = np.clip(quotient, -127, 127).astype(np.int8)
    else:
        q = np.clip(quotient + zp, 0, 255).astype(np.uint8)
    if axis is None:
        return q, scale[0].copy(), zero_point[0].copy()
    return q, scale, zero_point


def dequantize(q, scale, zero_point, axis=None):
    if axis is not None:
        others = [i for i in range(q.ndim) if i != axis % q.ndim]
        scale, zero_point = np.expand_dims(scale, others), np.expand_dims(zero_point, others)
    return ((q.astype(np.float64) - zero_point) * scale).astype(np.float32)
