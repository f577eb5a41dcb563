"""Classic bug: all 2p rows and columns of zeros go below and right of the image, none above
and left. The output has the right size, but every window is shifted."""
# expect-fail: conv2d[padding_one] conv2d[padding_wider_than_half_the_kernel] conv2d[batch_of_one]
# hint: zeros-on-both-sides
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x, (0, 2 * pw, 0, 2 * ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    out = torch.einsum("nchwij,ocij->nohw", windows, weight)
    return out if bias is None else out + bias[:, None, None]
