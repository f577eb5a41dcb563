"""Forbidden: the cell and its backward left to torch (the numpy track may not import torch)."""
import numpy as np
import torch


def lstm_cell_forward(x, h, c, w_ih, w_hh, b):
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))
    h_new, c_new = torch.lstm_cell(t(x), (t(h), t(c)), t(w_ih.T), t(w_hh.T), t(b), t(np.zeros_like(b)))
    return h_new.numpy(), c_new.numpy(), (x, h, c, w_ih, w_hh, b)


def lstm_cell_backward(dh_new, dc_new, cache):
    leaves = [torch.from_numpy(a).requires_grad_() for a in cache]
    x, h, c, w_ih, w_hh, b = leaves
    out = torch.lstm_cell(x, (h, c), w_ih.T, w_hh.T, b, torch.zeros_like(b))
    grads = torch.autograd.grad(out, leaves, (torch.from_numpy(dh_new), torch.from_numpy(dc_new)))
    return tuple(g.numpy() for g in grads)
