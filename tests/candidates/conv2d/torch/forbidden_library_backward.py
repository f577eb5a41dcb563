"""Forbidden: the forward pass is written by hand, but the backward pass is the library's
(torch.nn.grad.conv2d_input / conv2d_weight run a convolution's backward)."""
import torch
import torch.nn.functional as F


def _pairs(stride, padding):
    stride = (stride, stride) if isinstance(stride, int) else tuple(stride)
    padding = (padding, padding) if isinstance(padding, int) else tuple(padding)
    return stride, padding


class _Conv(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, stride, padding):
        ctx.save_for_backward(x, weight)
        ctx.stride, ctx.padding = stride, padding
        kh, kw = weight.shape[2:]
        windows = F.pad(x, (padding[1], padding[1], padding[0], padding[0])).unfold(2, kh, stride[0])
        return torch.einsum("nchwij,ocij->nohw", windows.unfold(3, kw, stride[1]), weight)

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        grad_x = torch.nn.grad.conv2d_input(x.shape, weight, grad, ctx.stride, ctx.padding)
        grad_weight = torch.nn.grad.conv2d_weight(x, weight.shape, grad, ctx.stride, ctx.padding)
        return grad_x, grad_weight, None, None


def conv2d(x, weight, bias=None, stride=1, padding=0):
    out = _Conv.apply(x, weight, *_pairs(stride, padding))
    return out if bias is None else out + bias[:, None, None]
