import numpy as np


def _per_slice(x: np.ndarray, axis: int | None) -> tuple[tuple[int, ...] | None, tuple[int, ...]]:
    """The axes a statistic reduces over, and the shape that broadcasts it back against x."""
    if axis is None:
        return None, ()  # one 0-d statistic broadcasts as it is
    axis %= x.ndim
    return tuple(i for i in range(x.ndim) if i != axis), tuple(d if i == axis else 1 for i, d in enumerate(x.shape))


def quantize(x: np.ndarray, symmetric: bool = True, axis: int | None = None):
    over, shape = _per_slice(x, axis)
    if symmetric:
        scale = np.abs(x).max(axis=over) / np.float32(127)
        scale = np.where(scale == 0, np.float32(1), scale)  # a slice of zeros: any scale works, 1.0 is the rule
        q = np.round(x / scale.reshape(shape)).clip(-127, 127).astype(np.int8)
        return q, scale.astype(np.float32), np.zeros(scale.shape, np.int32)
    lo = np.minimum(x.min(axis=over), 0)  # the range always holds 0, so that 0 is exactly representable
    hi = np.maximum(x.max(axis=over), 0)
    scale = (hi - lo) / np.float32(255)
    scale = np.where(scale == 0, np.float32(1), scale)
    zero_point = np.round(-lo / scale).clip(0, 255)
    q = (np.round(x / scale.reshape(shape)) + zero_point.reshape(shape)).clip(0, 255).astype(np.uint8)
    return q, scale.astype(np.float32), zero_point.astype(np.int32)


def dequantize(q: np.ndarray, scale: np.ndarray, zero_point: np.ndarray, axis: int | None = None) -> np.ndarray:
    _, shape = _per_slice(q, axis)
    # int32 before subtracting (uint8 would wrap around), float32 before scaling (int32 * float32 is float64).
    return (q.astype(np.int32) - zero_point.reshape(shape)).astype(np.float32) * scale.reshape(shape)
