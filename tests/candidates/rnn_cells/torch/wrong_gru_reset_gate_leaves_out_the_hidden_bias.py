"""Classic bug: n = tanh(gi_n + r * (h @ W_hn.T) + b_hn), the reset gate applied before the hidden bias: right without bias_hh, wrong with it."""
# expect-fail: gru_cell[a_batch_with_both_biases] gru_cell[only_the_hidden_bias] gru_cell[float64_with_only_the_hidden_bias] gru_sequence[only_the_hidden_bias]
# hint: gate-order-and-the-reset-gate
import torch


def affine(x, weight, bias):
    return x @ weight.T if bias is None else x @ weight.T + bias


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    z = affine(x, weight_ih, bias_ih) + affine(h, weight_hh, bias_hh)
    return torch.tanh(z) if nonlinearity == "tanh" else torch.relu(z)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    i_r, i_z, i_n = affine(x, weight_ih, bias_ih).chunk(3, dim=1)
    h_r, h_z, h_n = affine(h, weight_hh, None).chunk(3, dim=1)
    b_r, b_z, b_n = bias_hh.chunk(3) if bias_hh is not None else (0, 0, 0)
    r, z = torch.sigmoid(i_r + h_r + b_r), torch.sigmoid(i_z + h_z + b_z)
    n = torch.tanh(i_n + r * h_n + b_n)
    return (1 - z) * n + z * h


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h, outputs = h0, []
    for x in xs:  # time-major: xs[t] is the (B, I) batch of step t
        h = gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h
