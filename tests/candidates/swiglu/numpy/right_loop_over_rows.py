"""Correct: one row at a time, the weight gradients accumulated as outer products; a stable
sigmoid that takes exp of a non-positive number only."""
import numpy as np


def sigmoid(z):
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1 / (1 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1 + e)
    return out


def swiglu_forward(x, w_gate, w_up, w_down):
    out = np.zeros((x.shape[0], w_down.shape[1]), dtype=x.dtype)
    for n in range(x.shape[0]):
        z = x[n] @ w_gate
        out[n] = (z * sigmoid(z) * (x[n] @ w_up)) @ w_down
    return out, (x, w_gate, w_up, w_down)


def swiglu_backward(dout, cache):
    x, w_gate, w_up, w_down = cache
    dx = np.zeros_like(x)
    dw_gate, dw_up, dw_down = np.zeros_like(w_gate), np.zeros_like(w_up), np.zeros_like(w_down)
    for n in range(x.shape[0]):
        z, up = x[n] @ w_gate, x[n] @ w_up
        s = sigmoid(z)
        dh = w_down @ dout[n]
        dz = dh * up * s * (1 + z * (1 - s))
        dup = dh * z * s
        dx[n] = w_gate @ dz + w_up @ dup
        dw_gate += np.outer(x[n], dz)
        dw_up += np.outer(x[n], dup)
        dw_down += np.outer(z * s * up, dout[n])
    return dx, dw_gate, dw_up, dw_down
