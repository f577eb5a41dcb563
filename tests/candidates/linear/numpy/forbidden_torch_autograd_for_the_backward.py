"""Forbidden: the backward left to torch's autograd (the numpy track may not import torch)."""
import numpy as np
import torch


def linear_forward(x, w, b=None):
    out = x @ w
    if b is not None:
        out = out + b
    return out, (x, w, b)


def linear_backward(dout, cache):
    x, w, b = (None if a is None else torch.from_numpy(a).requires_grad_() for a in cache)
    out = x @ w if b is None else x @ w + b
    leaves = [t for t in (x, w, b) if t is not None]
    grads = torch.autograd.grad(out, leaves, torch.from_numpy(dout))
    grads = [g.numpy() for g in grads]
    return (*grads, None) if b is None else tuple(grads)
