"""One slice at a time with moveaxis, np.rint for the rounding (also half to even), and a float64
result from dequantize (higher precision than asked: it passes, with a note)."""
import numpy as np


def _quantize_slice(values, symmetric):
    if symmetric:
        scale = np.float32(np.abs(values).max()) / np.float32(127)
        if scale == 0:
            scale = np.float32(1.0)
        return np.clip(np.rint(values / scale), -127, 127), scale, 0
    lo = min(values.min(), np.float32(0))
    hi = max(values.max(), np.float32(0))
    scale = (hi - lo) / np.float32(255)
    if scale == 0:
        scale = np.float32(1.0)
    zero_point = int(min(max(np.rint(-lo / scale), 0), 255))
    return np.clip(np.rint(values / scale) + zero_point, 0, 255), scale, zero_point


def quantize(x, symmetric=True, axis=None):
    dtype = np.int8 if symmetric else np.uint8
    if axis is None:
        q, scale, zero_point = _quantize_slice(x, symmetric)
        return q.astype(dtype), np.array(scale, np.float32), np.array(zero_point, np.int32)
    moved = np.moveaxis(x, axis, 0)
    q = np.empty(moved.shape, dtype)
    scales = np.empty(moved.shape[0], np.float32)
    zero_points = np.empty(moved.shape[0], np.int32)
    for i in range(moved.shape[0]):
        q[i], scales[i], zero_points[i] = _quantize_slice(moved[i], symmetric)
    return np.moveaxis(q, 0, axis), scales, zero_points


def dequantize(q, scale, zero_point, axis=None):
    if axis is None:
        return (q.astype(np.float64) - int(zero_point)) * float(scale)
    moved = np.moveaxis(q, axis, 0).astype(np.float64)
    out = np.stack([(moved[i] - zero_point[i]) * np.float64(scale[i]) for i in range(moved.shape[0])])
    return np.moveaxis(out, 0, axis)
