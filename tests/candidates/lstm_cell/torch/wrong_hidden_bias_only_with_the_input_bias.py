"""Classic bug: bias_hh added only when bias_ih is given too (as if the biases came as a pair), so a
cell with only the hidden bias ignores it."""
# expect-fail: lstm_cell[only_the_hidden_bias] lstm_cell[every_*_hidden_bias_*]
# hint: each-bias-on-its-own
import torch


def lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    z = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        z = z + bias_ih
        if bias_hh is not None:
            z = z + bias_hh
    i, f, g, o = z.chunk(4, dim=1)
    c_new = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
