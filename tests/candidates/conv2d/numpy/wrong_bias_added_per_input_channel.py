"""Classic bug: the bias is added inside the loop over input channels, so it counts C_in times
instead of once. Right with one input channel or no bias."""
# expect-fail: conv2d[three_by_three_kernel_with_defaults] conv2d[many_channels] conv2d[kernel_as_large_as_the_image]
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
    for c in range(x.shape[1]):
        for i in range(oh):
            for j in range(ow):
                window = padded[:, c, i * sh:i * sh + kh, j * sw:j * sw + kw]
                out[:, :, i, j] += np.tensordot(window, weight[:, c], axes=([1, 2], [1, 2]))
        if bias is not None:
            out += bias[:, None, None]
    return out
