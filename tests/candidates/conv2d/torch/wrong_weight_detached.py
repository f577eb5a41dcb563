"""Classic bug: the kernel is read through .data (detached), so the output is right and x's
gradient is right, but weight gets no gradient: a layer that can never learn."""
# expect-fail: conv2d[three_by_three_kernel_with_defaults] conv2d[without_bias] conv2d[one_by_one_kernel]
# hint: dtype-and-autograd
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kernel = weight.data
    kh, kw = kernel.shape[2:]
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    out = torch.einsum("nchwij,ocij->nohw", windows, kernel)
    return out if bias is None else out + bias[:, None, None]
