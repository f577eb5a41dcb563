"""Classic bug: a true (mathematical) convolution. The kernel is flipped in both axes, but
deep learning's conv2d is a cross-correlation; only symmetric and 1 x 1 kernels pass."""
# expect-fail: conv2d[three_by_three_kernel_with_defaults] conv2d[tall_kernel] conv2d[wide_kernel]
# hint: one-window-at-a-time
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    out = torch.einsum("nchwij,ocij->nohw", windows, weight.flip(2, 3))
    return out if bias is None else out + bias[:, None, None]
