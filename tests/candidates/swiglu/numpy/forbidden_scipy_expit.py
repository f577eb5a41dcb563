"""Forbidden: scipy's expit for the sigmoid (the numpy track may not import scipy)."""
from scipy.special import expit


def swiglu_forward(x, w_gate, w_up, w_down):
    gate, up = x @ w_gate, x @ w_up
    s = expit(gate)
    hidden = gate * s * up
    return hidden @ w_down, (x, w_gate, w_up, w_down, gate, up, s, hidden)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down, gate, up, s, hidden = cache
    dhidden = dout @ w_down.T
    dup = dhidden * gate * s
    dgate = dhidden * up * s * (1 + gate * (1 - s))
    return dgate @ w_gate.T + dup @ w_up.T, x.T @ dgate, x.T @ dup, hidden.T @ dout
