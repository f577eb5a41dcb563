"""Forbidden: the ATen pooling operations, called directly below the Python names."""
import torch


def _pair(value):
    return [value, value] if isinstance(value, int) else list(value)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    stride = kernel_size if stride is None else stride
    return torch.ops.aten.max_pool2d_with_indices.default(x, _pair(kernel_size), _pair(stride), _pair(padding))[0]


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    stride = kernel_size if stride is None else stride
    return torch.ops.aten.avg_pool2d.default(x, _pair(kernel_size), _pair(stride), _pair(padding))
