"""Classic bug: silu on the up projection, the gate left linear (silu(x @ w_up) * (x @ w_gate)),
with a backward true to that forward."""
# expect-fail: swiglu_forward[rows_with_a_wider_hidden_layer] swiglu_forward[float64_rows] swiglu_backward[rows_with_a_wider_hidden_layer] swiglu_backward[float64_rows]
# hint: which-projection-is-gated
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1, e) / (1 + e)


def swiglu_forward(x, w_gate, w_up, w_down):
    gate, up = x @ w_gate, x @ w_up
    s = sigmoid(up)
    hidden = up * s * gate
    return hidden @ w_down, (x, w_gate, w_up, w_down, gate, up, s, hidden)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down, gate, up, s, hidden = cache
    dhidden = dout @ w_down.T
    dgate = dhidden * up * s
    dup = dhidden * gate * s * (1 + up * (1 - s))
    dx = dgate @ w_gate.T + dup @ w_up.T
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout
