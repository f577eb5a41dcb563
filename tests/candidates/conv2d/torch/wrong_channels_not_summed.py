"""Classic bug: the windows are summed over the kernel's area but averaged over the input
channels instead of summed. Right only with a single input channel."""
# expect-fail: conv2d[many_channels] conv2d[many_input_channels_one_output_channel] conv2d[three_by_three_kernel_with_defaults]
# hint: one-window-at-a-time
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    windows = F.pad(x, (pw, pw, ph, ph)).unfold(2, kh, sh).unfold(3, kw, sw)
    per_channel = torch.einsum("nchwij,ocij->nochw", windows, weight)
    out = per_channel.mean(dim=2)
    return out if bias is None else out + bias[:, None, None]
