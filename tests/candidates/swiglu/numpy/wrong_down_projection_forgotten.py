"""Classic bug: the forward returns the gated hidden layer, w_down never applied (the backward,
written from the formula, is right): the wrong shape where hidden != dim, wrong values where equal."""
# expect-fail: swiglu_forward[hidden_as_wide_as_the_input] swiglu_forward[every_dimension_the_same_size] swiglu_forward[rows_with_a_wider_hidden_layer] swiglu_forward[float64_with_every_dimension_the_same_size]
# hint: which-projection-is-gated
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1, e) / (1 + e)


def swiglu_forward(x, w_gate, w_up, w_down):
    gate, up = x @ w_gate, x @ w_up
    s = sigmoid(gate)
    hidden = gate * s * up
    return hidden, (x, w_gate, w_up, w_down, gate, up, s, hidden)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down, gate, up, s, hidden = cache
    dhidden = dout @ w_down.T
    dup = dhidden * gate * s
    dgate = dhidden * up * s * (1 + gate * (1 - s))
    dx = dgate @ w_gate.T + dup @ w_up.T
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout
