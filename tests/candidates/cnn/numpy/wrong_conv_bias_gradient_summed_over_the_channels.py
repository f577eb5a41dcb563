"""A conv's bias gradient summed over the batch, rows and columns of the wrong axis: over the
channels instead of the batch."""
# expect-fail: backward[batch_as_large_as_the_channels] backward[small_batch_of_color_images]
# hint: conv-backward
import numpy as np


def conv_forward(x, w, b, pad):
    """Cross-correlation, stride 1: one (N, C, Ho, Wo) x (F, C) product per kernel offset."""
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    k = w.shape[2]
    ho, wo = xp.shape[2] - k + 1, xp.shape[3] - k + 1
    out = np.zeros((x.shape[0], w.shape[0], ho, wo), dtype=x.dtype)
    for i in range(k):
        for j in range(k):
            out += np.einsum("nchw,fc->nfhw", xp[:, :, i:i + ho, j:j + wo], w[:, :, i, j])
    return out + b[:, None, None]


def conv_backward(dout, x, w, pad):
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    k, (ho, wo) = w.shape[2], dout.shape[2:]
    dxp, dw = np.zeros_like(xp), np.zeros_like(w)
    for i in range(k):
        for j in range(k):
            dw[:, :, i, j] = np.einsum("nfhw,nchw->fc", dout, xp[:, :, i:i + ho, j:j + wo])
            dxp[:, :, i:i + ho, j:j + wo] += np.einsum("nfhw,fc->nchw", dout, w[:, :, i, j])
    dx = dxp[:, :, pad:pad + x.shape[2], pad:pad + x.shape[3]]
    return dx, dw, dout.sum(axis=(1, 2, 3))


def windows(x):
    """(N, C, H, W) -> (N, C, H // 2, W // 2, 4): each 2x2 window in row-major order."""
    n, c, h, w = x.shape[0], x.shape[1], x.shape[2] // 2, x.shape[3] // 2
    return x[:, :, :2 * h, :2 * w].reshape(n, c, h, 2, w, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h, w, 4)


def pool_backward(dout, first, shape):
    """Each window's gradient to its first maximum; an odd last row or column gets none."""
    n, c, h, w = dout.shape
    dwin = np.zeros((n, c, h, w, 4), dtype=dout.dtype)
    np.put_along_axis(dwin, first[..., None], dout[..., None], axis=-1)
    dx = np.zeros(shape, dtype=dout.dtype)
    dx[:, :, :2 * h, :2 * w] = dwin.reshape(n, c, h, w, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, 2 * h, 2 * w)
    return dx


class LeNet:
    def __init__(self, params, padding=0):
        self.params, self.padding = params, padding

    def forward(self, x):
        p, self.cache = self.params, []
        out = x
        for conv in ("conv1", "conv2"):
            pre = conv_forward(out, p[f"{conv}.weight"], p[f"{conv}.bias"], self.padding)
            win = windows(np.maximum(pre, 0))
            first = win.argmax(axis=-1)  # np.argmax: the first maximum, as PyTorch
            self.cache.append((out, pre, first))
            out = np.take_along_axis(win, first[..., None], axis=-1)[..., 0]
        self.pooled_shape = out.shape
        out = out.reshape(out.shape[0], -1)
        for fc in ("fc1", "fc2", "fc3"):
            self.cache.append(out)
            out = out @ p[f"{fc}.weight"].T + p[f"{fc}.bias"]
            if fc != "fc3":
                out = np.maximum(out, 0)
        return out

    def backward(self, dlogits):
        p, grads, d = self.params, {}, dlogits
        for fc in ("fc3", "fc2", "fc1"):
            h = self.cache.pop()
            grads[f"{fc}.weight"], grads[f"{fc}.bias"] = d.T @ h, d.sum(axis=0)
            d = d @ p[f"{fc}.weight"]
            if fc != "fc1":
                d = d * (h > 0)  # h = relu(pre): open exactly where pre > 0
        d = d.reshape(self.pooled_shape)
        for conv in ("conv2", "conv1"):
            x, pre, first = self.cache.pop()
            d = pool_backward(d, first, pre.shape) * (pre > 0)
            d, grads[f"{conv}.weight"], grads[f"{conv}.bias"] = conv_backward(d, x, p[f"{conv}.weight"], self.padding)
        grads["x"] = d
        return grads
