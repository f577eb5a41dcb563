"""Right: computes in float64 and casts back, einsum for every product, a list cache, and a sigmoid
built from logaddexp (log(1 + e^-z) without overflow)."""
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def lstm_cell_forward(x, h, c, w_ih, w_hh, b):
    dtype = x.dtype
    x64, h64, c64, wi, wh, b64 = (a.astype(np.float64) for a in (x, h, c, w_ih, w_hh, b))
    z = np.einsum("bi,ig->bg", x64, wi) + np.einsum("bh,hg->bg", h64, wh) + b64
    gates = z.reshape(z.shape[0], 4, -1)
    i, f, o = sigmoid(gates[:, 0]), sigmoid(gates[:, 1]), sigmoid(gates[:, 3])
    g = np.tanh(gates[:, 2])
    c_new = f * c64 + i * g
    h_new = o * np.tanh(c_new)
    return h_new.astype(dtype), c_new.astype(dtype), [x64, h64, c64, wi, wh, i, f, g, o, c_new, str(dtype)]


def lstm_cell_backward(dh_new, dc_new, cache):
    x, h, c, wi, wh, i, f, g, o, c_new, dtype = cache
    t = np.tanh(c_new)
    dct = dc_new + dh_new * o * (1 - t**2)
    dgates = np.stack([dct * g * i * (1 - i), dct * c * f * (1 - f), dct * i * (1 - g**2),
                       dh_new * t * o * (1 - o)], axis=1)
    dz = dgates.reshape(dgates.shape[0], -1)
    out = (np.einsum("bg,ig->bi", dz, wi), np.einsum("bg,hg->bh", dz, wh), dct * f,
           np.einsum("bi,bg->ig", x, dz), np.einsum("bh,bg->hg", h, dz), np.einsum("bg->g", dz))
    return tuple(a.astype(dtype) for a in out)
