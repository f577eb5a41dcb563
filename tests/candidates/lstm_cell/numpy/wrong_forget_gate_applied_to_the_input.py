"""Classic bug: the forget gate scales the candidate g, the input gate the old cell."""
# expect-fail: lstm_cell_forward[a_batch_with_more_inputs_than_hidden_units] lstm_cell_backward[float64_batch]
# hint: gate-order-and-roles
import numpy as np


def sigmoid(z):
    # exp of -|z| only: it never overflows, whatever the sign of z (exp(1000) would).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1, e) / (1 + e)


def lstm_cell_forward(x, h, c, w_ih, w_hh, b):
    z = x @ w_ih + h @ w_hh + b
    i, f, g, o = np.split(z, 4, axis=1)
    i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
    c_new = i * c + f * g
    t = np.tanh(c_new)
    h_new = o * t
    return h_new, c_new, (x, h, c, w_ih, w_hh, i, f, g, o, t)


def lstm_cell_backward(dh_new, dc_new, cache):
    x, h, c, w_ih, w_hh, i, f, g, o, t = cache
    # c_new reaches the loss directly and through h_new = o * tanh(c_new).
    dc_total = dc_new + dh_new * o * (1 - t**2)
    di, df, dg, do = dc_total * g, dc_total * c, dc_total * i, dh_new * t
    dz = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g**2), do * o * (1 - o)], axis=1)
    return dz @ w_ih.T, dz @ w_hh.T, dc_total * f, x.T @ dz, h.T @ dz, dz.sum(axis=0)
