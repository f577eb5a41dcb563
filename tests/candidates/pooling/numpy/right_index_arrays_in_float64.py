"""Correct: the windows gathered with index arrays (im2col style), computed in float64 and cast back;
the backwards scatter with np.add.at, which adds repeated indices (overlapping windows)."""
import numpy as np


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _indices(shape, kernel_size, stride, padding):
    """Row and column index arrays (H_out, W_out, KH, KW) into the padded image, and the padding."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    out_h = (shape[2] + 2 * ph - kh) // sh + 1
    out_w = (shape[3] + 2 * pw - kw) // sw + 1
    rows = (np.arange(out_h) * sh)[:, None, None, None] + np.arange(kh)[None, None, :, None]
    cols = (np.arange(out_w) * sw)[None, :, None, None] + np.arange(kw)[None, None, None, :]
    rows, cols = np.broadcast_arrays(rows, cols)
    return rows, cols, ph, pw


def _gather(x, kernel_size, stride, padding, fill):
    rows, cols, ph, pw = _indices(x.shape, kernel_size, stride, padding)
    padded = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=fill)
    return padded[:, :, rows, cols]  # (N, C, H_out, W_out, KH, KW)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return _gather(x, kernel_size, stride, padding, -np.inf).max(axis=(4, 5)).astype(x.dtype)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    return _gather(x, kernel_size, stride, padding, 0.0).mean(axis=(4, 5)).astype(x.dtype)


def _scatter(shares, shape, kernel_size, stride, padding, dtype):
    rows, cols, ph, pw = _indices(shape, kernel_size, stride, padding)
    n, c, h, w = shape
    dx = np.zeros((n, c, h + 2 * ph, w + 2 * pw))
    np.add.at(dx, (slice(None), slice(None), rows, cols), shares)
    return dx[:, :, ph:ph + h, pw:pw + w].astype(dtype)


def max_pool2d_backward(dout, x, kernel_size, stride=None, padding=0):
    windows = _gather(x, kernel_size, stride, padding, -np.inf)
    flat = windows.reshape(*windows.shape[:4], -1)
    first = flat.argmax(axis=-1)
    shares = np.zeros(flat.shape)
    np.put_along_axis(shares, first[..., None], dout.astype(np.float64)[..., None], axis=-1)
    return _scatter(shares.reshape(windows.shape), x.shape, kernel_size, stride, padding, dout.dtype)


def avg_pool2d_backward(dout, x_shape, kernel_size, stride=None, padding=0):
    kh, kw = _pair(kernel_size)
    shares = np.broadcast_to(dout.astype(np.float64)[..., None, None] / (kh * kw), (*dout.shape, kh, kw))
    return _scatter(shares, tuple(x_shape), kernel_size, stride, padding, dout.dtype)
