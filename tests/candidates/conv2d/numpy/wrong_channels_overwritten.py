"""Classic bug: `=` where `+=` belongs in the loop over input channels, so each output keeps
only the last channel's window: the channels are not summed."""
# expect-fail: conv2d[many_channels] conv2d[many_input_channels_one_output_channel] conv2d[three_by_three_kernel_with_defaults]
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
        for c in range(x.shape[1]):
            for i in range(oh):
                for j in range(ow):
                    window = padded[:, c, i * sh:i * sh + kh, j * sw:j * sw + kw]
                    out[:, o, i, j] = (window * weight[o, c]).sum(axis=(1, 2))
    if bias is not None:
        out += bias[:, None, None]
    return out
