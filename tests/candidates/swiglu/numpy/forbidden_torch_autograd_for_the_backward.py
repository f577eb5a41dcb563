"""Forbidden: the backward left to torch's autograd (the numpy track may not import torch)."""
import numpy as np
import torch
import torch.nn.functional as F


def swiglu_forward(x, w_gate, w_up, w_down):
    out = (F.silu(torch.from_numpy(x @ w_gate)).numpy() * (x @ w_up)) @ w_down
    return out, (x, w_gate, w_up, w_down)


def swiglu_backward(dout, cache):
    leaves = [torch.from_numpy(a).requires_grad_() for a in cache]
    x, w_gate, w_up, w_down = leaves
    out = (F.silu(x @ w_gate) * (x @ w_up)) @ w_down
    return tuple(g.numpy() for g in torch.autograd.grad(out, leaves, torch.from_numpy(dout)))
