"""Forbidden: the low-level ATen operation behind every convolution, called directly."""
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    stride = [stride] * 2 if isinstance(stride, int) else list(stride)
    padding = [padding] * 2 if isinstance(padding, int) else list(padding)
    return torch.ops.aten.convolution.default(x, weight, bias, stride, padding, [1, 1], False, [0, 0], 1)
