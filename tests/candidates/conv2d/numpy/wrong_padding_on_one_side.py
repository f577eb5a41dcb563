"""Classic bug: all 2p rows and columns of zeros go above and left of the image, none below
and right. The output has the right size, but every window is shifted."""
# expect-fail: conv2d[padding_one] conv2d[padding_only_along_the_width] conv2d[stride_and_padding_as_pairs]
# hint: zeros-on-both-sides
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = np.pad(x, ((0, 0), (0, 0), (2 * ph, 0), (2 * pw, 0)))
    kh, kw = weight.shape[2:]
    oh = (padded.shape[2] - kh) // sh + 1
    ow = (padded.shape[3] - kw) // sw + 1
    out = np.zeros((x.shape[0], weight.shape[0], oh, ow), dtype=x.dtype)
    for i in range(oh):
        for j in range(ow):
            window = padded[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            out[:, :, i, j] = np.tensordot(window, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias[:, None, None]
    return out
