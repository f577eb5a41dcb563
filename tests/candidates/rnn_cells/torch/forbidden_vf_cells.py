"""Forbidden: torch._VF's cells, the low-level twins nn.RNNCell and nn.GRUCell reach."""
import torch
from torch import _VF


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    cell = _VF.rnn_tanh_cell if nonlinearity == "tanh" else _VF.rnn_relu_cell
    return cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return _VF.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h, outputs = h0, []
    for x in xs:
        h = _VF.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h
