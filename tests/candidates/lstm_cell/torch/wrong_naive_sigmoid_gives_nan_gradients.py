"""Classic bug: sigmoid written 1 / (1 + exp(-z)): for z far below 0, exp(-z) is inf, and autograd's
0 * inf turns the gradient into NaN."""
# expect-fail: lstm_cell[saturated_gates_in_the_hundreds]
# hint: a-sigmoid-that-never-overflows
import torch


def sigmoid(z):
    return 1 / (1 + torch.exp(-z))


def lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    z = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        z = z + bias_ih
    if bias_hh is not None:
        z = z + bias_hh
    i, f, g, o = z.chunk(4, dim=1)
    c_new = sigmoid(f) * c + sigmoid(i) * torch.tanh(g)
    return sigmoid(o) * torch.tanh(c_new), c_new
