"""Correct, in another style: im2col. Every window becomes a column of one matrix, and the whole
convolution is a single matrix product with the flattened kernels."""
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    xp = np.pad(x, [(0, 0), (0, 0), (ph, ph), (pw, pw)], mode="constant")
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    cols = np.empty((c * kh * kw, n * oh * ow), dtype=x.dtype)
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw].reshape(n, -1)  # (n, c*kh*kw)
            cols[:, i * ow + j::oh * ow] = patch.T
    out = weight.reshape(f, -1) @ cols                                # (f, n*oh*ow), columns n-major
    out = out.reshape(f, n, oh, ow).transpose(1, 0, 2, 3)
    if bias is not None:
        out = out + bias.reshape(1, f, 1, 1)
    return np.ascontiguousarray(out)
