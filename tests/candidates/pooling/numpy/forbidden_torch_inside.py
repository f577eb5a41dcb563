"""Forbidden: the numpy track imports no torch, even to call its pooling and autograd."""
import numpy as np
import torch
import torch.nn.functional as F


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return F.max_pool2d(torch.from_numpy(x), kernel_size, stride, padding).numpy()


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    return F.avg_pool2d(torch.from_numpy(x), kernel_size, stride, padding).numpy()


def max_pool2d_backward(dout, x, kernel_size, stride=None, padding=0):
    x = torch.from_numpy(x).requires_grad_()
    return torch.autograd.grad(F.max_pool2d(x, kernel_size, stride, padding), x, torch.from_numpy(dout))[0].numpy()


def avg_pool2d_backward(dout, x_shape, kernel_size, stride=None, padding=0):
    dout = torch.from_numpy(dout)
    x = torch.zeros(tuple(x_shape), dtype=dout.dtype, requires_grad=True)
    return torch.autograd.grad(F.avg_pool2d(x, kernel_size, stride, padding), x, dout)[0].numpy()
