"""Forbidden: nn.GRUCell with the given weights copied in (and the cells of nn.RNNCell)."""
import torch
from torch import nn


def _load(cell, weight_ih, weight_hh, bias_ih, bias_hh):
    with torch.no_grad():
        cell.weight_ih.copy_(weight_ih)
        cell.weight_hh.copy_(weight_hh)
        cell.bias_ih.copy_(bias_ih if bias_ih is not None else torch.zeros_like(cell.bias_ih))
        cell.bias_hh.copy_(bias_hh if bias_hh is not None else torch.zeros_like(cell.bias_hh))
    return cell


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    cell = nn.RNNCell(x.shape[1], h.shape[1], nonlinearity=nonlinearity, dtype=x.dtype)
    return _load(cell, weight_ih, weight_hh, bias_ih, bias_hh)(x, h)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    cell = nn.GRUCell(x.shape[1], h.shape[1], dtype=x.dtype)
    return _load(cell, weight_ih, weight_hh, bias_ih, bias_hh)(x, h)


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h, outputs = h0, []
    for x in xs:
        h = gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h
