"""Classic bug: one 2-D kernel per output channel, reused for every input channel (weight[o, 0]),
as if the weight were (C_out, KH, KW). Right only when there is a single input channel."""
# expect-fail: conv2d[many_channels] conv2d[many_input_channels_one_output_channel] conv2d[batch_of_one]
# hint: one-window-at-a-time
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    kh, kw = weight.shape[2:]
    oh = (padded.shape[2] - kh) // sh + 1
    ow = (padded.shape[3] - kw) // sw + 1
    out = np.zeros((x.shape[0], weight.shape[0], oh, ow), dtype=x.dtype)
    for o in range(weight.shape[0]):
        for i in range(oh):
            for j in range(ow):
                window = padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
                out[:, o, i, j] = (window * weight[o, 0]).sum(axis=(1, 2, 3))
    if bias is not None:
        out += bias[:, None, None]
    return out
