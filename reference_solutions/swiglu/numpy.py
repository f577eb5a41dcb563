import numpy as np


def sigmoid(z):
    # exp of -|z| only: it never overflows, whatever the sign of z (exp(1000) would).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1, e) / (1 + e)


def swiglu_forward(x, w_gate, w_up, w_down):
    gate, up = x @ w_gate, x @ w_up
    s = sigmoid(gate)
    hidden = gate * s * up
    return hidden @ w_down, (x, w_gate, w_up, w_down, gate, up, s, hidden)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down, gate, up, s, hidden = cache
    dhidden = dout @ w_down.T
    dup = dhidden * gate * s
    # silu'(z) = s + z·s·(1 - s): the product rule on z·sigmoid(z).
    dgate = dhidden * up * s * (1 + gate * (1 - s))
    dx = dgate @ w_gate.T + dup @ w_up.T
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout
