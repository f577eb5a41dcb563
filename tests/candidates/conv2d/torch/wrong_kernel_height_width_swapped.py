"""Classic bug: the kernel's height and width unpacked in the wrong order. Invisible with the
square kernels most examples use; any tall or wide kernel breaks it."""
# expect-fail: conv2d[tall_kernel] conv2d[wide_kernel] conv2d[kernel_as_large_as_the_padded_image]
# hint: shape-first
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    _, _, kw, kh = weight.shape
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    out = torch.einsum("nchwij,ocij->nohw", windows, weight)
    return out if bias is None else out + bias[:, None, None]
