"""Correct, in another style: convolution as one matmul over im2col columns, each layer an object
with its own forward and backward, and max-pooling by a loop over the four cells of a window
(a strict > keeps the first maximum)."""
import numpy as np


class Conv:
    def __init__(self, w, b, pad):
        self.w, self.b, self.pad = w, b, pad

    def columns(self, x):
        n, c, h, w = x.shape
        k = self.w.shape[2]
        xp = np.pad(x, ((0, 0), (0, 0), (self.pad, self.pad), (self.pad, self.pad)))
        ho, wo = xp.shape[2] - k + 1, xp.shape[3] - k + 1
        cols = np.empty((n, c, k, k, ho, wo), dtype=x.dtype)
        for i in range(k):
            for j in range(k):
                cols[:, :, i, j] = xp[:, :, i:i + ho, j:j + wo]
        return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n * ho * wo, c * k * k), (n, ho, wo)

    def forward(self, x):
        self.x = x
        self.cols, (n, ho, wo) = self.columns(x)
        out = self.cols @ self.w.reshape(self.w.shape[0], -1).T + self.b
        return out.reshape(n, ho, wo, -1).transpose(0, 3, 1, 2)

    def backward(self, dout):
        n, f, ho, wo = dout.shape
        d = dout.transpose(0, 2, 3, 1).reshape(-1, f)
        dw = (d.T @ self.cols).reshape(self.w.shape)
        db = d.sum(axis=0)
        dcols = (d @ self.w.reshape(f, -1)).reshape(n, ho, wo, *self.w.shape[1:]).transpose(0, 3, 4, 5, 1, 2)
        k, p = self.w.shape[2], self.pad
        dxp = np.zeros((n, self.x.shape[1], ho + k - 1, wo + k - 1), dtype=dout.dtype)
        for i in range(k):
            for j in range(k):
                dxp[:, :, i:i + ho, j:j + wo] += dcols[:, :, i, j]
        return dxp[:, :, p:p + self.x.shape[2], p:p + self.x.shape[3]], dw, db


class ReluPool:
    def forward(self, pre):
        self.pre = pre
        a = np.maximum(pre, 0)
        n, c, h, w = a.shape
        h, w = h // 2, w // 2
        best = a[:, :, 0:2 * h:2, 0:2 * w:2].copy()
        self.where = np.zeros(best.shape, dtype=int)
        for cell, (di, dj) in enumerate([(0, 1), (1, 0), (1, 1)], start=1):
            value = a[:, :, di:2 * h:2, dj:2 * w:2]
            better = value > best
            best = np.where(better, value, best)
            self.where[better] = cell
        return best

    def backward(self, dout):
        da = np.zeros(self.pre.shape, dtype=dout.dtype)
        h, w = dout.shape[2:]
        for cell, (di, dj) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)]):
            da[:, :, di:2 * h:2, dj:2 * w:2] = np.where(self.where == cell, dout, 0)
        return da * (self.pre > 0)


class LeNet:
    def __init__(self, params, padding=0):
        self.params = params
        self.convs = [Conv(params[f"conv{i}.weight"], params[f"conv{i}.bias"], padding) for i in (1, 2)]
        self.pools = [ReluPool(), ReluPool()]

    def forward(self, x):
        for conv, pool in zip(self.convs, self.pools):
            x = pool.forward(conv.forward(x))
        self.maps = x.shape
        self.inputs, self.pre = [x.reshape(len(x), -1)], []
        for i in (1, 2, 3):
            z = self.inputs[-1] @ self.params[f"fc{i}.weight"].T + self.params[f"fc{i}.bias"]
            self.pre.append(z)
            self.inputs.append(np.maximum(z, 0))
        return z

    def backward(self, dlogits):
        grads, d = {}, dlogits
        for i in (3, 2, 1):
            if i < 3:
                d = d * (self.pre[i - 1] > 0)
            grads[f"fc{i}.weight"] = d.T @ self.inputs[i - 1]
            grads[f"fc{i}.bias"] = d.sum(axis=0)
            d = d @ self.params[f"fc{i}.weight"]
        d = d.reshape(self.maps)
        for i in (2, 1):
            d, grads[f"conv{i}.weight"], grads[f"conv{i}.bias"] = self.convs[i - 1].backward(
                self.pools[i - 1].backward(d))
        grads["x"] = d
        return grads
