"""Forbidden: the ATen operation itself, reached through torch.ops."""
import torch


def lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return torch.ops.aten.lstm_cell(x, [h, c], weight_ih, weight_hh, bias_ih, bias_hh)
