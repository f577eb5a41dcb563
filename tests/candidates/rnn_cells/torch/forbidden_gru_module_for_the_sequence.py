"""Forbidden: nn.GRU for the sequence, with the given weights loaded (the cells by hand)."""
import torch
from torch import nn


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    z = x @ weight_ih.T + h @ weight_hh.T
    z = z + (bias_ih if bias_ih is not None else 0) + (bias_hh if bias_hh is not None else 0)
    return torch.tanh(z) if nonlinearity == "tanh" else torch.relu(z)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    out, h_n = gru_sequence(x[None], h, weight_ih, weight_hh, bias_ih, bias_hh)
    return h_n


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    gru = nn.GRU(xs.shape[2], h0.shape[1], dtype=xs.dtype)
    with torch.no_grad():
        gru.weight_ih_l0.copy_(weight_ih)
        gru.weight_hh_l0.copy_(weight_hh)
        gru.bias_ih_l0.copy_(bias_ih if bias_ih is not None else torch.zeros_like(gru.bias_ih_l0))
        gru.bias_hh_l0.copy_(bias_hh if bias_hh is not None else torch.zeros_like(gru.bias_hh_l0))
    outputs, h_n = gru(xs, h0[None])
    return outputs, h_n[0]
