"""Forbidden: a transposed convolution with the kernel flipped and its channel axes swapped is a
convolution (at stride 1): another public name for the same kernels."""
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    kernel = weight.flip(2, 3).transpose(0, 1)
    out = F.conv_transpose2d(x, kernel, bias, padding=(kh - 1 - ph, kw - 1 - pw))
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    return out[:, :, ::sh, ::sw]
