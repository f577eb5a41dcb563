"""Classic bug: the output buffer is torch.zeros(shape), float32 by default, so float64 inputs
lose their precision (and come back as float32)."""
# expect-fail: conv2d[float64_input] conv2d[float64_input_without_bias]
# hint: dtype-and-autograd
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    kh, kw = weight.shape[2:]
    padded = F.pad(x, (pw, pw, ph, ph))
    oh, ow = (padded.shape[2] - kh) // sh + 1, (padded.shape[3] - kw) // sw + 1
    out = torch.zeros(x.shape[0], weight.shape[0], oh, ow, device=x.device)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            out[:, :, i, j] = torch.einsum("nchw,ochw->no", window, weight)
    return out if bias is None else out + bias[:, None, None]
