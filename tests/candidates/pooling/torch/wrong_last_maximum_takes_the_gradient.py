"""Classic bug: the window is read backwards before max(dim), so the last of tied maxima takes the
gradient: right wherever the maximum is unique."""
# expect-fail: max_pool2d[tied_maxima_in_every_window] max_pool2d[tied_maxima_in_wide_windows] max_pool2d[tied_maxima_in_overlapping_windows] max_pool2d[tied_maxima_beside_the_padding] max_pool2d[tied_maxima_in_float64]
# hint: first-maximum-and-overlaps
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
    padded = F.pad(x, (pw, pw, ph, ph), value=fill)
    out_h, out_w = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    columns = F.unfold(padded, (kh, kw), stride=(sh, sw))
    return columns.reshape(n, c, kh * kw, out_h * out_w), out_h, out_w


def max_pool2d(x, kernel_size, stride=None, padding=0):
    columns, out_h, out_w = _columns(x, kernel_size, stride, padding, float("-inf"))
    return columns.flip(2).max(dim=2).values.reshape(x.shape[0], x.shape[1], out_h, out_w)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    columns, out_h, out_w = _columns(x, kernel_size, stride, padding, 0.0)
    return columns.mean(dim=2).reshape(x.shape[0], x.shape[1], out_h, out_w)
