"""Right: one row at a time, gates sliced by index, tanh-based sigmoid, a dict cache."""
import numpy as np


def sigmoid(z):
    # sigmoid(z) = (1 + tanh(z / 2)) / 2: tanh never overflows.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_cell_forward(x, h, c, w_ih, w_hh, b):
    hidden = h.shape[1]
    h_new, c_new = np.empty_like(h), np.empty_like(c)
    z = np.empty((x.shape[0], 4 * hidden), dtype=x.dtype)
    for row in range(x.shape[0]):
        z[row] = x[row] @ w_ih + h[row] @ w_hh + b
        i = sigmoid(z[row, :hidden])
        f = sigmoid(z[row, hidden:2 * hidden])
        g = np.tanh(z[row, 2 * hidden:3 * hidden])
        o = sigmoid(z[row, 3 * hidden:])
        c_new[row] = f * c[row] + i * g
        h_new[row] = o * np.tanh(c_new[row])
    return h_new, c_new, {"x": x, "h": h, "c": c, "w_ih": w_ih, "w_hh": w_hh, "z": z, "c_new": c_new}


def lstm_cell_backward(dh_new, dc_new, cache):
    x, h, c, z, c_new = cache["x"], cache["h"], cache["c"], cache["z"], cache["c_new"]
    hidden = h.shape[1]
    dz = np.empty_like(z)
    dc = np.empty_like(c)
    for row in range(x.shape[0]):
        i = sigmoid(z[row, :hidden])
        f = sigmoid(z[row, hidden:2 * hidden])
        g = np.tanh(z[row, 2 * hidden:3 * hidden])
        o = sigmoid(z[row, 3 * hidden:])
        t = np.tanh(c_new[row])
        dct = dc_new[row] + dh_new[row] * o * (1 - t * t)
        dz[row, :hidden] = dct * g * i * (1 - i)
        dz[row, hidden:2 * hidden] = dct * c[row] * f * (1 - f)
        dz[row, 2 * hidden:3 * hidden] = dct * i * (1 - g * g)
        dz[row, 3 * hidden:] = dh_new[row] * t * o * (1 - o)
        dc[row] = dct * f
    dw_ih = np.zeros_like(cache["w_ih"])
    dw_hh = np.zeros_like(cache["w_hh"])
    for row in range(x.shape[0]):
        dw_ih += np.outer(x[row], dz[row])
        dw_hh += np.outer(h[row], dz[row])
    return dz @ cache["w_ih"].T, dz @ cache["w_hh"].T, dc, dw_ih, dw_hh, dz.sum(axis=0)
