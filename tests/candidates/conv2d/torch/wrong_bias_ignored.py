"""Classic bug: the bias argument is accepted and never used (its gradient is None too)."""
# expect-fail: conv2d[three_by_three_kernel_with_defaults] conv2d[one_by_one_kernel] conv2d[kernel_as_large_as_the_image]
# hint: one-window-at-a-time
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    return torch.einsum("nchwij,ocij->nohw", windows, weight)
