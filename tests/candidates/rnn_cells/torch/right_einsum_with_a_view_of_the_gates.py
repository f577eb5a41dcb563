"""Right: einsum for the products, the gates as a (B, 3, H) view, the loop over time by index."""
import torch


def _project(x, weight, bias):
    out = torch.einsum("bi,gi->bg", x, weight)
    return out if bias is None else out + bias


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    z = _project(x, weight_ih, bias_ih) + _project(h, weight_hh, bias_hh)
    if nonlinearity == "relu":
        return torch.clamp(z, min=0)
    return torch.tanh(z)


def gru_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    B, H = h.shape
    gi = _project(x, weight_ih, bias_ih).view(B, 3, H)
    gh = _project(h, weight_hh, bias_hh).view(B, 3, H)
    r, z = torch.sigmoid(gi[:, :2] + gh[:, :2]).unbind(1)
    n = torch.tanh(gi[:, 2] + r * gh[:, 2])
    return torch.lerp(n, h, z)


def gru_sequence(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    states = [h0]
    for t in range(xs.shape[0]):
        states.append(gru_cell(xs[t], states[-1], weight_ih, weight_hh, bias_ih, bias_hh))
    return torch.stack(states[1:]), states[-1]
