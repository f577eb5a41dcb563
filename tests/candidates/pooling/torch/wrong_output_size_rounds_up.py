"""Classic bug: the output size is rounded up (ceil_mode=True): the image is padded on the bottom and
right until a last, partial window fits, and that window is pooled too."""
# expect-fail: max_pool2d[stride_that_does_not_divide_evenly] avg_pool2d[stride_that_does_not_divide_evenly] max_pool2d[stride_that_does_not_divide_evenly_with_padding] avg_pool2d[tall_image]
# hint: shape-first
import torch
import torch.nn.functional as F


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _columns(x, kernel_size, stride, padding, fill):
    """(N, C, KH * KW, H_out * W_out) and the output's height and width."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    n, c, h, w = x.shape
    extra_h, extra_w = -(h + 2 * ph - kh) % sh, -(w + 2 * pw - kw) % sw
    padded = F.pad(x, (pw, pw + extra_w, ph, ph + extra_h), value=fill)
    out_h, out_w = -(-(h + 2 * ph - kh) // sh) + 1, -(-(w + 2 * pw - kw) // sw) + 1
    columns = F.unfold(padded, (kh, kw), stride=(sh, sw))
    return columns.reshape(n, c, kh * kw, out_h * out_w), out_h, out_w


def max_pool2d(x, kernel_size, stride=None, padding=0):
    columns, out_h, out_w = _columns(x, kernel_size, stride, padding, float("-inf"))
    return columns.max(dim=2).values.reshape(x.shape[0], x.shape[1], out_h, out_w)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    columns, out_h, out_w = _columns(x, kernel_size, stride, padding, 0.0)
    return columns.mean(dim=2).reshape(x.shape[0], x.shape[1], out_h, out_w)
