"""Forbidden: torch.max_pool2d, the top-level twin of F.max_pool2d, and an average pool written as a
global (adaptive) pool of each window laid out by unfold."""
import torch
import torch.nn.functional as F


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return torch.max_pool2d(x, kernel_size, kernel_size if stride is None else stride, padding)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    n, c, out_h, out_w = windows.shape[:4]
    flat = windows.reshape(n * c * out_h * out_w, 1, kh, kw)
    return F.adaptive_avg_pool2d(flat, 1).reshape(n, c, out_h, out_w)
