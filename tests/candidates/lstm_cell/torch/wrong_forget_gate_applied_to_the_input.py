"""Classic bug: the forget gate scales the candidate g, the input gate the old cell."""
# expect-fail: lstm_cell[a_batch_with_both_biases] lstm_cell[one_hidden_unit]
# hint: gate-order-and-roles
import torch


def lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    z = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        z = z + bias_ih
    if bias_hh is not None:
        z = z + bias_hh
    i, f, g, o = z.chunk(4, dim=1)
    c_new = torch.sigmoid(i) * c + torch.sigmoid(f) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_new), c_new
