"""Classic bug: the backwards assign each window's gradient instead of adding it, so where windows
overlap the last window's share replaces the others'."""
# expect-fail: max_pool2d_backward[overlapping_windows_with_stride_one] max_pool2d_backward[tied_maxima_in_overlapping_windows] avg_pool2d_backward[overlapping_windows_with_stride_one] avg_pool2d_backward[overlapping_windows_with_stride_two]
# hint: first-maximum-and-overlaps
import numpy as np


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _setup(shape, kernel_size, stride, padding):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    out_h = (shape[2] + 2 * ph - kh) // sh + 1
    out_w = (shape[3] + 2 * pw - kw) // sw + 1
    return kh, kw, sh, sw, ph, pw, out_h, out_w


def _pool(x, kernel_size, stride, padding, fill, reduce):
    kh, kw, sh, sw, ph, pw, out_h, out_w = _setup(x.shape, kernel_size, stride, padding)
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=fill)
    out = np.empty((x.shape[0], x.shape[1], out_h, out_w), dtype=x.dtype)
    for i in range(out_h):
        for j in range(out_w):
            out[:, :, i, j] = reduce(padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw], axis=(2, 3))
    return out


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return _pool(x, kernel_size, stride, padding, -np.inf, np.max)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    return _pool(x, kernel_size, stride, padding, 0.0, np.mean)


def max_pool2d_backward(dout, x, kernel_size, stride=None, padding=0):
    kh, kw, sh, sw, ph, pw, out_h, out_w = _setup(x.shape, kernel_size, stride, padding)
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    dx = np.zeros(padded.shape, dtype=dout.dtype)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(out_h):
                for j in range(out_w):
                    window = padded[n, c, i * sh:i * sh + kh, j * sw:j * sw + kw]
                    a, b = divmod(int(np.argmax(window)), kw)
                    dx[n, c, i * sh + a, j * sw + b] = dout[n, c, i, j]
    return dx[:, :, ph:ph + x.shape[2], pw:pw + x.shape[3]]


def avg_pool2d_backward(dout, x_shape, kernel_size, stride=None, padding=0):
    kh, kw, sh, sw, ph, pw, out_h, out_w = _setup(x_shape, kernel_size, stride, padding)
    n, c, h, w = x_shape
    dx = np.zeros((n, c, h + 2 * ph, w + 2 * pw), dtype=dout.dtype)
    for i in range(out_h):
        for j in range(out_w):
            dx[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw] = dout[:, :, i:i + 1, j:j + 1] / (kh * kw)
    return dx[:, :, ph:ph + h, pw:pw + w]
