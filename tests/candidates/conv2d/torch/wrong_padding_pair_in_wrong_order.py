"""Classic bug: F.pad's list starts from the last dimension, (left, right, top, bottom); this
passes (pad_h, pad_h, pad_w, pad_w). Right whenever both paddings are equal."""
# expect-fail: conv2d[padding_only_along_the_width] conv2d[stride_and_padding_as_pairs] conv2d[wide_kernel_with_stride_and_padding_pairs]
# hint: shape-first
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x, (ph, ph, pw, pw)).unfold(2, kh, sh).unfold(3, kw, sw)
    out = torch.einsum("nchwij,ocij->nohw", windows, weight)
    return out if bias is None else out + bias[:, None, None]
