"""Forbidden: the CPU's slow convolution kernel through torch._C._nn, a name no list of public
functions holds; the operation it runs is still a convolution."""
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    stride = (stride, stride) if isinstance(stride, int) else tuple(stride)
    padding = (padding, padding) if isinstance(padding, int) else tuple(padding)
    return torch._C._nn.thnn_conv2d(x, weight, tuple(weight.shape[2:]), bias, stride, padding)
