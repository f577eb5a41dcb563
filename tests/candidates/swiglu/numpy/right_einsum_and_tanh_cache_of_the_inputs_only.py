"""Correct: sigmoid(z) = (1 + tanh(z / 2)) / 2 (tanh saturates, never overflows), einsum for every
product, and a cache of the inputs only: the backward recomputes the activations."""
import numpy as np


def _activations(x, w_gate, w_up):
    z = np.einsum("nd,dh->nh", x, w_gate)
    up = np.einsum("nd,dh->nh", x, w_up)
    s = 0.5 * (1 + np.tanh(0.5 * z))
    return z, up, s


def swiglu_forward(x, w_gate, w_up, w_down):
    z, up, s = _activations(x, w_gate, w_up)
    out = np.einsum("nh,hd->nd", z * s * up, w_down)
    return out, [x, w_gate, w_up, w_down]


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down = cache
    z, up, s = _activations(x, w_gate, w_up)
    dh = np.einsum("nd,hd->nh", dout, w_down)
    dz = dh * up * (s + z * s * (1 - s))
    dup = dh * z * s
    dx = np.einsum("nh,dh->nd", dz, w_gate) + np.einsum("nh,dh->nd", dup, w_up)
    dw_gate = np.einsum("nd,nh->dh", x, dz)
    dw_up = np.einsum("nd,nh->dh", x, dup)
    dw_down = np.einsum("nh,nd->hd", z * s * up, dout)
    return dx, dw_gate, dw_up, dw_down
