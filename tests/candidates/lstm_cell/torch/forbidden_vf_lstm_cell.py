"""Forbidden: torch._VF.lstm_cell, the low-level twin nn.LSTMCell reaches."""
from torch import _VF


def lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return _VF.lstm_cell(x, (h, c), weight_ih, weight_hh, bias_ih, bias_hh)
