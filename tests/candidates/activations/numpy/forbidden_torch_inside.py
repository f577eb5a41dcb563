"""Forbidden: the numpy track through torch's own activations and autograd."""
import torch
import torch.nn.functional as F


def _apply(function, x):
    return function(torch.from_numpy(x)).numpy()


def _derivative(function, x):
    t = torch.from_numpy(x).requires_grad_()
    (grad,) = torch.autograd.grad(function(t).sum(), t)
    return grad.numpy()


def sigmoid(x):
    return _apply(torch.sigmoid, x)


def sigmoid_grad(x):
    return _derivative(torch.sigmoid, x)


def relu(x):
    return _apply(F.relu, x)


def relu_grad(x):
    return _derivative(F.relu, x)


def leaky_relu(x, negative_slope=0.01):
    return _apply(lambda t: F.leaky_relu(t, negative_slope), x)


def leaky_relu_grad(x, negative_slope=0.01):
    return _derivative(lambda t: F.leaky_relu(t, negative_slope), x)


def tanh(x):
    return _apply(torch.tanh, x)


def tanh_grad(x):
    return _derivative(torch.tanh, x)


def gelu(x, approximate="none"):
    return _apply(lambda t: F.gelu(t, approximate=approximate), x)


def gelu_grad(x, approximate="none"):
    return _derivative(lambda t: F.gelu(t, approximate=approximate), x)


def silu(x):
    return _apply(F.silu, x)


def silu_grad(x):
    return _derivative(F.silu, x)
