"""Classic bug: the stride shrinks the output but the windows still start at (i, j), not at
(i * stride_h, j * stride_w): the output is the top-left corner of a stride-1 convolution."""
# expect-fail: conv2d[stride_two] conv2d[stride_that_does_not_divide_evenly] conv2d[stride_larger_than_the_kernel]
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
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i:i + kh, j:j + kw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias[:, None, None]
    return out
