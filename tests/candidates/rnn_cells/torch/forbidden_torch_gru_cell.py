"""Forbidden: torch.gru_cell and torch.rnn_tanh_cell / rnn_relu_cell, the functions nn.GRUCell and
nn.RNNCell call."""
import torch


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    cell = torch.rnn_tanh_cell if nonlinearity == "tanh" else torch.rnn_relu_cell
    return cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h, outputs = h0, []
    for x in xs:
        h = torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h
