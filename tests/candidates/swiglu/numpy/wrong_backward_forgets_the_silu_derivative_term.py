"""Classic bug: silu'(z) taken as sigmoid(z), the z·s·(1 - s) of the product rule forgotten."""
# expect-fail: swiglu_backward[rows_with_a_wider_hidden_layer] swiglu_backward[float64_rows] swiglu_backward[hidden_as_wide_as_the_input]
# hint: the-chain-rule-through-the-gate
import numpy as np


def sigmoid(z):
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
    dgate = dhidden * up * s
    dx = dgate @ w_gate.T + dup @ w_up.T
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout
