"""Classic bug: the average divides by the number of real cells in each window (count_include_pad=
False), not by KH * KW: right away from the border, wrong wherever a window covers padding."""
# expect-fail: avg_pool2d[padding_one_on_negative_values] avg_pool2d[padding_as_a_pair_on_negative_values] avg_pool2d[padding_one_with_the_default_stride] avg_pool2d[float64_input]
# hint: what-the-padding-holds
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
    return columns.max(dim=2).values.reshape(x.shape[0], x.shape[1], out_h, out_w)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    columns, out_h, out_w = _columns(x, kernel_size, stride, padding, 0.0)
    counts, _, _ = _columns(torch.ones_like(x), kernel_size, stride, padding, 0.0)
    return (columns.sum(dim=2) / counts.sum(dim=2)).reshape(x.shape[0], x.shape[1], out_h, out_w)
