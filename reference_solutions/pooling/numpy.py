import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _options(kernel_size, stride, padding):
    """(KH, KW), (stride_h, stride_w), (pad_h, pad_w); stride None means the kernel size."""
    return _pair(kernel_size), _pair(kernel_size if stride is None else stride), _pair(padding)


def _windows(x, kernel, stride, padding, fill):
    """Every window the kernel visits, as a view: (N, C, H_out, W_out, KH, KW)."""
    (pad_h, pad_w), (stride_h, stride_w) = padding, stride
    padded = np.pad(x, ((0, 0), (0, 0), (pad_h, pad_h), (pad_w, pad_w)), constant_values=fill)
    return sliding_window_view(padded, kernel, axis=(2, 3))[:, :, ::stride_h, ::stride_w]


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kernel, stride, padding = _options(kernel_size, stride, padding)
    # -inf padding never wins a window, whatever the sign of the values beside it.
    return _windows(x, kernel, stride, padding, -np.inf).max(axis=(-2, -1))


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kernel, stride, padding = _options(kernel_size, stride, padding)
    # Zero padding counts: every window divides by KH * KW (F.avg_pool2d's count_include_pad=True).
    return _windows(x, kernel, stride, padding, 0.0).mean(axis=(-2, -1))


def _scatter(shares, x_shape, kernel, stride, padding):
    """Adds shares[..., a, b] (N, C, H_out, W_out, KH, KW) onto the cell at offset (a, b) of each
    window, and drops what lands on the padding. For one offset the cells of different windows are
    distinct, so a strided += is safe; overlapping windows add up across offsets."""
    (kernel_h, kernel_w), (stride_h, stride_w), (pad_h, pad_w) = kernel, stride, padding
    height, width = x_shape[2:]
    out_h, out_w = shares.shape[2:4]
    dx = np.pad(np.zeros(x_shape, dtype=shares.dtype), ((0, 0), (0, 0), (pad_h, pad_h), (pad_w, pad_w)))
    for a in range(kernel_h):
        for b in range(kernel_w):
            dx[:, :, a:a + stride_h * out_h:stride_h, b:b + stride_w * out_w:stride_w] += shares[..., a, b]
    return dx[:, :, pad_h:pad_h + height, pad_w:pad_w + width]


def max_pool2d_backward(dout, x, kernel_size, stride=None, padding=0):
    kernel, stride, padding = _options(kernel_size, stride, padding)
    windows = _windows(x, kernel, stride, padding, -np.inf)
    flat = windows.reshape(*dout.shape, kernel[0] * kernel[1])
    # argmax returns the first maximum in row-major order: ties go to one cell, as in PyTorch.
    winner = np.arange(flat.shape[-1]) == flat.argmax(axis=-1)[..., None]
    shares = (winner * dout[..., None]).reshape(windows.shape).astype(dout.dtype)
    return _scatter(shares, x.shape, kernel, stride, padding)


def avg_pool2d_backward(dout, x_shape, kernel_size, stride=None, padding=0):
    kernel, stride, padding = _options(kernel_size, stride, padding)
    count = kernel[0] * kernel[1]
    shares = np.broadcast_to((dout / count)[..., None, None], (*dout.shape, *kernel))
    return _scatter(shares, tuple(x_shape), kernel, stride, padding)
