"""Right: float64 inside (cast back at the end), the input projection of every step as one product,
the gates as a (T, B, 3, H) view."""
import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    dtype = xs.dtype
    xs, h0, w_ih, w_hh = (a.astype(np.float64) for a in (xs, h0, w_ih, w_hh))
    projected = xs @ w_ih + (b_ih.astype(np.float64) + b_hh)
    outputs = np.empty(projected.shape)
    h = h0
    for t in range(len(xs)):
        h = outputs[t] = np.tanh(projected[t] + h @ w_hh)
    return outputs.astype(dtype), h.astype(dtype), [xs, h0, w_ih, w_hh, outputs, str(dtype)]


def rnn_backward(douts, dh_T, cache):
    xs, h0, w_ih, w_hh, outputs, dtype = cache
    T = len(xs)
    dzs = np.empty(outputs.shape)
    dh = dh_T.astype(np.float64)
    for t in range(T - 1, -1, -1):
        dzs[t] = (dh + douts[t]) * (1 - outputs[t] ** 2)
        dh = dzs[t] @ w_hh.T
    before = np.concatenate([h0[None], outputs[:-1]])
    flat = lambda a: a.reshape(-1, a.shape[-1])
    db = flat(dzs).sum(axis=0)
    grads = (dzs @ w_ih.T, dh, flat(xs).T @ flat(dzs), flat(before).T @ flat(dzs), db, db)
    return tuple(g.astype(dtype) for g in grads)


def gru_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    dtype = xs.dtype
    xs, h0, w_ih, w_hh, b_hh = (a.astype(np.float64) for a in (xs, h0, w_ih, w_hh, b_hh))
    T, B, H = len(xs), h0.shape[0], h0.shape[1]
    gi = (xs @ w_ih + b_ih).reshape(T, B, 3, H)
    gh_n, r, z, n, outputs = (np.empty((T, B, H)) for _ in range(5))
    h = h0
    for t in range(T):
        gh = (h @ w_hh + b_hh).reshape(B, 3, H)
        r[t] = sigmoid(gi[t, :, 0] + gh[:, 0])
        z[t] = sigmoid(gi[t, :, 1] + gh[:, 1])
        gh_n[t] = gh[:, 2]
        n[t] = np.tanh(gi[t, :, 2] + r[t] * gh_n[t])
        h = outputs[t] = (1 - z[t]) * n[t] + z[t] * h
    cache = [xs, h0, w_ih, w_hh, outputs, r, z, n, gh_n, str(dtype)]
    return outputs.astype(dtype), h.astype(dtype), cache


def gru_backward(douts, dh_T, cache):
    xs, h0, w_ih, w_hh, outputs, r, z, n, gh_n, dtype = cache
    T, B, H = outputs.shape
    before = np.concatenate([h0[None], outputs[:-1]])
    dgi, dgh = np.empty((T, B, 3, H)), np.empty((T, B, 3, H))
    dh = dh_T.astype(np.float64)
    for t in range(T - 1, -1, -1):
        dh = dh + douts[t]
        dn = dh * (1 - z[t]) * (1 - n[t] ** 2)
        dgi[t, :, 0] = dgh[t, :, 0] = dn * gh_n[t] * r[t] * (1 - r[t])
        dgi[t, :, 1] = dgh[t, :, 1] = dh * (before[t] - n[t]) * z[t] * (1 - z[t])
        dgi[t, :, 2], dgh[t, :, 2] = dn, dn * r[t]
        dh = dh * z[t] + dgh[t].reshape(B, 3 * H) @ w_hh.T
    dgi, dgh = dgi.reshape(T * B, 3 * H), dgh.reshape(T * B, 3 * H)
    grads = ((dgi @ w_ih.T).reshape(T, B, -1), dh, xs.reshape(T * B, -1).T @ dgi,
             before.reshape(T * B, H).T @ dgh, dgi.sum(axis=0), dgh.sum(axis=0))
    return tuple(g.astype(dtype) for g in grads)
