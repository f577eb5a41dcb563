"""Classic bug: the biases added only when bias_ih is given, so bias_hh alone is ignored."""
# expect-fail: rnn_cell[tanh_with_only_the_hidden_bias] rnn_cell[relu_with_only_the_hidden_bias]
# hint: each-bias-on-its-own
import torch


def affine(x, weight, bias):
    return x @ weight.T if bias is None else x @ weight.T + bias


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    z = affine(x, weight_ih, bias_ih) + affine(h, weight_hh, bias_hh if bias_ih is not None else None)
    return torch.tanh(z) if nonlinearity == "tanh" else torch.relu(z)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    i_r, i_z, i_n = affine(x, weight_ih, bias_ih).chunk(3, dim=1)
    h_r, h_z, h_n = affine(h, weight_hh, bias_hh).chunk(3, dim=1)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)  # r scales the whole hidden term, bias_hh's n block included
    return (1 - z) * n + z * h


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h, outputs = h0, []
    for x in xs:  # time-major: xs[t] is the (B, I) batch of step t
        h = gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h
