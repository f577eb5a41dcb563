"""Correct, in another style: every layer as plain loops over output positions, computed in
float64 and cast back to the input's dtype at the end; each window's first maximum found by
np.argmax over the window flattened row by row."""
import numpy as np


def conv(x, w, b, pad):
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    n, k = x.shape[0], w.shape[2]
    out = np.empty((n, w.shape[0], x.shape[2] - k + 1, x.shape[3] - k + 1))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            patch = x[:, :, i:i + k, j:j + k]
            out[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out


def conv_grads(d, x, w, pad):
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp, dw, k = np.zeros(xp.shape), np.zeros(w.shape), w.shape[2]
    for i in range(d.shape[2]):
        for j in range(d.shape[3]):
            dw += np.tensordot(d[:, :, i, j], xp[:, :, i:i + k, j:j + k], axes=([0], [0]))
            dxp[:, :, i:i + k, j:j + k] += np.tensordot(d[:, :, i, j], w, axes=([1], [0]))
    return dxp[:, :, pad:dxp.shape[2] - pad, pad:dxp.shape[3] - pad], dw, d.sum(axis=(0, 2, 3))


def pool(a):
    n, c = a.shape[:2]
    out = np.empty((n, c, a.shape[2] // 2, a.shape[3] // 2))
    arg = np.empty(out.shape, dtype=int)
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            window = a[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2].reshape(n, c, 4)
            arg[:, :, i, j] = window.argmax(axis=2)
            out[:, :, i, j] = window.max(axis=2)
    return out, arg


def unpool(d, arg, shape):
    da = np.zeros(shape)
    for i in range(d.shape[2]):
        for j in range(d.shape[3]):
            for cell in range(4):
                da[:, :, 2 * i + cell // 2, 2 * j + cell % 2] += np.where(arg[:, :, i, j] == cell, d[:, :, i, j], 0)
    return da


class LeNet:
    def __init__(self, params, padding=0):
        self.p = {name: value.astype(np.float64) for name, value in params.items()}
        self.dtypes = {name: value.dtype for name, value in params.items()}
        self.padding = padding

    def forward(self, x):
        self.dtype, h = x.dtype, x.astype(np.float64)
        self.convs = []
        for layer in ("conv1", "conv2"):
            pre = conv(h, self.p[layer + ".weight"], self.p[layer + ".bias"], self.padding)
            out, arg = pool(np.maximum(pre, 0))
            self.convs.append((h, pre, arg))
            h = out
        self.shape = h.shape
        h = h.reshape(h.shape[0], -1)
        self.fcs = []
        for layer in ("fc1", "fc2", "fc3"):
            z = h @ self.p[layer + ".weight"].T + self.p[layer + ".bias"]
            self.fcs.append((h, z))
            h = np.maximum(z, 0) if layer != "fc3" else z
        return h.astype(self.dtype)

    def backward(self, dlogits):
        g, d = {}, dlogits.astype(np.float64)
        for layer, (h, z) in zip(("fc3", "fc2", "fc1"), reversed(self.fcs)):
            if layer != "fc3":
                d = np.where(z > 0, d, 0.0)
            g[layer + ".weight"] = np.einsum("no,ni->oi", d, h)
            g[layer + ".bias"] = d.sum(axis=0)
            d = d @ self.p[layer + ".weight"]
        d = d.reshape(self.shape)
        for layer, (h, pre, arg) in zip(("conv2", "conv1"), reversed(self.convs)):
            d = unpool(d, arg, pre.shape) * (pre > 0)
            d, g[layer + ".weight"], g[layer + ".bias"] = conv_grads(d, h, self.p[layer + ".weight"], self.padding)
        g["x"] = d
        return {name: value.astype(self.dtypes.get(name, self.dtype)) for name, value in g.items()}
