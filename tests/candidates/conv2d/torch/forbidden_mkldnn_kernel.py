"""Forbidden: oneDNN's fused convolution, an operation outside the aten namespace."""
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    stride = [stride] * 2 if isinstance(stride, int) else list(stride)
    padding = [padding] * 2 if isinstance(padding, int) else list(padding)
    return torch.ops.mkldnn._convolution_pointwise(x, weight, bias, padding, stride, [1, 1], 1, "none", [], "")
