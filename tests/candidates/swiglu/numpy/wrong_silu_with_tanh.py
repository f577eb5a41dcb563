"""Classic bug: silu written z * tanh(z) (mixing it up with mish or tanh-GELU), with a backward true
to that forward."""
# expect-fail: swiglu_forward[rows_with_a_wider_hidden_layer] swiglu_forward[float64_rows] swiglu_backward[as_many_rows_as_features]
# hint: which-projection-is-gated
import numpy as np


def swiglu_forward(x, w_gate, w_up, w_down):
    gate, up = x @ w_gate, x @ w_up
    t = np.tanh(gate)
    hidden = gate * t * up
    return hidden @ w_down, (x, w_gate, w_up, w_down, gate, up, t, hidden)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down, gate, up, t, hidden = cache
    dhidden = dout @ w_down.T
    dup = dhidden * gate * t
    dgate = dhidden * up * (t + gate * (1 - t * t))
    dx = dgate @ w_gate.T + dup @ w_up.T
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout
