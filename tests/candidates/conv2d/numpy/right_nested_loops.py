"""Correct, in another style: the interview whiteboard answer, one Python loop per index, one
product at a time, accumulated in the input's dtype."""
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    stride_h, stride_w = (stride, stride) if isinstance(stride, int) else stride
    pad_h, pad_w = (padding, padding) if isinstance(padding, int) else padding
    batch, channels_in, height, width = x.shape
    channels_out, _, kernel_h, kernel_w = weight.shape
    padded = np.zeros((batch, channels_in, height + 2 * pad_h, width + 2 * pad_w), dtype=x.dtype)
    padded[:, :, pad_h:pad_h + height, pad_w:pad_w + width] = x
    out_h = (height + 2 * pad_h - kernel_h) // stride_h + 1
    out_w = (width + 2 * pad_w - kernel_w) // stride_w + 1
    out = np.zeros((batch, channels_out, out_h, out_w), dtype=x.dtype)
    for n in range(batch):
        for o in range(channels_out):
            for i in range(out_h):
                for j in range(out_w):
                    total = x.dtype.type(0) if bias is None else bias[o]
                    for c in range(channels_in):
                        for a in range(kernel_h):
                            for b in range(kernel_w):
                                total += padded[n, c, i * stride_h + a, j * stride_w + b] * weight[o, c, a, b]
                    out[n, o, i, j] = total
    return out
