"""Classic bug: the output size rounds up, counting a last window that runs past the padded
image. Right whenever the stride divides H + 2p - K evenly (always at stride 1), wrong otherwise."""
# expect-fail: conv2d[stride_that_does_not_divide_evenly] conv2d[stride_that_does_not_divide_evenly_with_padding]
# hint: shape-first
import math

import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    kh, kw = weight.shape[2:]
    oh = math.ceil((padded.shape[2] - kh) / sh) + 1
    ow = math.ceil((padded.shape[3] - kw) / sw) + 1
    out = np.zeros((x.shape[0], weight.shape[0], oh, ow), dtype=x.dtype)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias[:, None, None]
    return out
