"""Correct, in another style: im2col with F.unfold (allowed), then one matrix product with the
flattened kernels."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    columns = F.unfold(x, (kh, kw), padding=(ph, pw), stride=(sh, sw))  # (N, C_in*KH*KW, OH*OW)
    out = (weight.reshape(c_out, -1) @ columns).reshape(n, c_out, oh, ow)
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out
