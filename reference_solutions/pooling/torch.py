import torch
import torch.nn.functional as F


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _windows(x, kernel_size, stride, padding, fill):
    """Every window the kernel visits, as a view: (N, C, H_out, W_out, KH, KW). Tensor.unfold's
    backward adds up the gradients of overlapping windows."""
    kernel_h, kernel_w = _pair(kernel_size)
    stride_h, stride_w = _pair(kernel_size if stride is None else stride)
    pad_h, pad_w = _pair(padding)
    padded = F.pad(x, (pad_w, pad_w, pad_h, pad_h), value=fill)  # F.pad lists the last dimension first
    return padded.unfold(2, kernel_h, stride_h).unfold(3, kernel_w, stride_w)


def max_pool2d(x: torch.Tensor, kernel_size, stride=None, padding=0) -> torch.Tensor:
    # -inf padding never wins. max(dim) sends the gradient to the index it returns, the first
    # maximum of the row-major window; amax would split it between tied maxima.
    windows = _windows(x, kernel_size, stride, padding, float("-inf"))
    return windows.flatten(-2).max(dim=-1).values


def avg_pool2d(x: torch.Tensor, kernel_size, stride=None, padding=0) -> torch.Tensor:
    # Zero padding counts: every window divides by KH * KW.
    return _windows(x, kernel_size, stride, padding, 0.0).mean(dim=(-2, -1))
