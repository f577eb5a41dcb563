"""Classic bug: sigmoid written 1 / (1 + exp(-z)): exp(-z) overflows for z below -88 in float32
(-709 in float64). The value is right by luck (1 / inf is 0), but NumPy warns of the overflow."""
# expect-fail: swiglu_forward[pre_activations_in_the_hundreds]
# hint: a-sigmoid-that-never-overflows
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def swiglu_forward(x, w_gate, w_up, w_down):
    gate, up = x @ w_gate, x @ w_up
    s = sigmoid(gate)
    hidden = gate * s * up
    return hidden @ w_down, (x, w_gate, w_up, w_down, gate, up, s, hidden)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down, gate, up, s, hidden = cache
    dhidden = dout @ w_down.T
    dup = dhidden * gate * s
    dgate = dhidden * up * s * (1 + gate * (1 - s))
    dx = dgate @ w_gate.T + dup @ w_up.T
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout
