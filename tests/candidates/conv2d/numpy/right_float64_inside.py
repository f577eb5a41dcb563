"""Correct, in another style: loop over the kernel's offsets instead of the output positions
(shift and add), accumulating in float64, then hand back the input's dtype."""
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    if isinstance(stride, int):
        stride = (stride, stride)
    if isinstance(padding, int):
        padding = (padding, padding)
    wide = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (padding[0], padding[0]), (padding[1], padding[1])))
    kernel = weight.astype(np.float64)
    kernel_h, kernel_w = kernel.shape[2:]
    out_h = (wide.shape[2] - kernel_h) // stride[0] + 1
    out_w = (wide.shape[3] - kernel_w) // stride[1] + 1
    total = np.zeros((x.shape[0], kernel.shape[0], out_h, out_w))
    for a in range(kernel_h):
        for b in range(kernel_w):
            # The input values that meet kernel entry (a, b), one per output position.
            shifted = wide[:, :, a:a + stride[0] * (out_h - 1) + 1:stride[0], b:b + stride[1] * (out_w - 1) + 1:stride[1]]
            total += np.einsum("nchw,oc->nohw", shifted, kernel[:, :, a, b])
    if bias is not None:
        total += bias.astype(np.float64)[:, None, None]
    return total.astype(x.dtype)
