"""Correct: a loop over the kernel offsets, in float64 inside. The running maximum replaces its value
only where a later cell is strictly greater, so the first maximum wins and takes the gradient
(torch.maximum would split it between ties)."""
import torch
import torch.nn.functional as F


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def _offsets(x, kernel_size, stride, padding, fill):
    """The cell at offset (a, b) of every window, (N, C, H_out, W_out) each, in row-major order."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    padded = F.pad(x.double(), (pw, pw, ph, ph), value=fill)
    out_h = (x.shape[2] + 2 * ph - kh) // sh + 1
    out_w = (x.shape[3] + 2 * pw - kw) // sw + 1
    for a in range(kh):
        for b in range(kw):
            yield padded[:, :, a:a + sh * (out_h - 1) + 1:sh, b:b + sw * (out_w - 1) + 1:sw]


def max_pool2d(x, kernel_size, stride=None, padding=0):
    best = None
    for cell in _offsets(x, kernel_size, stride, padding, float("-inf")):
        best = cell if best is None else torch.where(cell > best, cell, best)
    return best.to(x.dtype)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = _pair(kernel_size)
    return (sum(_offsets(x, kernel_size, stride, padding, 0.0)) / (kh * kw)).to(x.dtype)
