"""Classic bug: detaches from autograd (as .data or a NumPy round trip would); no gradient flows."""
# expect-fail: softmax[default_axis] softmax[vector]
# hint: shape-of-the-sum
import torch


def softmax(x, dim=-1):
    x = x.detach()
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
