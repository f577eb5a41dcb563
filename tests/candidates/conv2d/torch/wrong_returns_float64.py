"""Classic bug: computes in float64 for accuracy and forgets to cast back: float32 inputs come
back as float64."""
# expect-fail: conv2d[three_by_three_kernel_with_defaults] conv2d[one_by_one_kernel]
# hint: dtype-and-autograd
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x.double(), (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    out = torch.einsum("nchwij,ocij->nohw", windows, weight.double())
    return out if bias is None else out + bias.double()[:, None, None]
