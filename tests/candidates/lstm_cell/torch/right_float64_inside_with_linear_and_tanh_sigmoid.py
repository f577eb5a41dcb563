"""Right: F.linear on one concatenated weight, float64 inside, sigmoid(z) = (1 + tanh(z / 2)) / 2."""
import torch
import torch.nn.functional as F


def lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    dtype = x.dtype
    weight = torch.cat([weight_ih, weight_hh], dim=1).double()
    biases = [b.double() for b in (bias_ih, bias_hh) if b is not None]
    bias = sum(biases) if biases else None
    z = F.linear(torch.cat([x, h], dim=1).double(), weight, bias)
    hidden = h.shape[1]
    sig = lambda t: 0.5 * (1 + torch.tanh(0.5 * t))
    i, f = sig(z[:, :hidden]), sig(z[:, hidden:2 * hidden])
    g, o = torch.tanh(z[:, 2 * hidden:3 * hidden]), sig(z[:, 3 * hidden:])
    c_new = f * c.double() + i * g
    return (o * torch.tanh(c_new)).to(dtype), c_new.to(dtype)
