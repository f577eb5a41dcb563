"""Forbidden: nn.MaxPool2d and nn.AvgPool2d layers, built on every call."""
from torch import nn


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return nn.MaxPool2d(kernel_size, stride, padding)(x)


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    return nn.AvgPool2d(kernel_size, stride, padding)(x)
