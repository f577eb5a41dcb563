"""Classic bug: the stride is applied inside each window (every stride-th kernel tap) and the
output is a stride-1 one; the stride must move the window, not thin the kernel."""
# expect-fail: conv2d[stride_two] conv2d[stride_that_does_not_divide_evenly] conv2d[stride_larger_than_the_kernel]
# hint: one-window-at-a-time
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, 1).unfold(3, kw, 1)
    out = torch.einsum("nchwij,ocij->nohw", windows[..., ::sh, ::sw], weight[:, :, ::sh, ::sw])
    return out if bias is None else out + bias[:, None, None]
