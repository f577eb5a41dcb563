"""Forbidden: an nn.Conv2d whose parameters are swapped for the inputs (differentiable too)."""
import torch
from torch import nn


def conv2d(x, weight, bias=None, stride=1, padding=0):
    c_out, c_in, kh, kw = weight.shape
    layer = nn.Conv2d(c_in, c_out, (kh, kw), stride=stride, padding=padding, bias=bias is not None)
    del layer.weight
    layer.weight = weight
    if bias is not None:
        del layer.bias
        layer.bias = bias
    return layer(x)
