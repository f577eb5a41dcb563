"""Classic bug: written for an int stride, a pair is read as its first element for both axes."""
# expect-fail: conv2d[stride_and_padding_as_pairs] conv2d[stride_only_along_the_height] conv2d[stride_that_does_not_divide_evenly]
# hint: shape-first
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    s = stride if isinstance(stride, int) else stride[0]
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    kh, kw = weight.shape[2:]
    oh = (padded.shape[2] - kh) // s + 1
    ow = (padded.shape[3] - kw) // s + 1
    out = np.zeros((x.shape[0], weight.shape[0], oh, ow), dtype=x.dtype)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * s:i * s + kh, j * s:j * s + kw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias[:, None, None]
    return out
