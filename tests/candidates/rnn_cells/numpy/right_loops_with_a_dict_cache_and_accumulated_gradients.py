"""Right: a dict cache, per-step gradients accumulated with += in the backward loop, gates by slicing."""
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    hs = [h0]
    for t in range(xs.shape[0]):
        hs.append(np.tanh(xs[t] @ w_ih + hs[-1] @ w_hh + (b_ih + b_hh)))
    cache = {"xs": xs, "hs": hs, "w_ih": w_ih, "w_hh": w_hh}
    return np.array(hs[1:]), hs[-1], cache


def rnn_backward(douts, dh_T, cache):
    xs, hs, w_ih, w_hh = cache["xs"], cache["hs"], cache["w_ih"], cache["w_hh"]
    dxs = np.zeros_like(xs)
    dw_ih, dw_hh = np.zeros_like(w_ih), np.zeros_like(w_hh)
    db = np.zeros_like(w_hh[0])
    dh_next = dh_T.copy()
    for t in range(xs.shape[0] - 1, -1, -1):
        dz = (douts[t] + dh_next) * (1 - hs[t + 1] * hs[t + 1])
        dxs[t] = dz @ w_ih.T
        dw_ih += xs[t].T @ dz
        dw_hh += hs[t].T @ dz
        db += dz.sum(axis=0)
        dh_next = dz @ w_hh.T
    return dxs, dh_next, dw_ih, dw_hh, db, db.copy()


def gru_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    H = h0.shape[1]
    hs, gates = [h0], []
    for t in range(xs.shape[0]):
        h = hs[-1]
        gi, gh = xs[t] @ w_ih + b_ih, h @ w_hh + b_hh
        r = sigmoid(gi[:, :H] + gh[:, :H])
        z = sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
        n = np.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
        hs.append(n + z * (h - n))
        gates.append({"r": r, "z": z, "n": n, "ghn": gh[:, 2 * H:]})
    cache = {"xs": xs, "hs": hs, "w_ih": w_ih, "w_hh": w_hh, "gates": gates}
    return np.array(hs[1:]), hs[-1], cache


def gru_backward(douts, dh_T, cache):
    xs, hs, w_ih, w_hh, gates = cache["xs"], cache["hs"], cache["w_ih"], cache["w_hh"], cache["gates"]
    dxs = np.zeros_like(xs)
    dw_ih, dw_hh = np.zeros_like(w_ih), np.zeros_like(w_hh)
    db_ih, db_hh = np.zeros_like(w_ih[0]), np.zeros_like(w_hh[0])
    dh_next = dh_T.copy()
    for t in range(xs.shape[0] - 1, -1, -1):
        g, h_prev = gates[t], hs[t]
        dh = douts[t] + dh_next
        da_n = dh * (1 - g["z"]) * (1 - g["n"] ** 2)
        da_z = dh * (h_prev - g["n"]) * g["z"] * (1 - g["z"])
        da_r = da_n * g["ghn"] * g["r"] * (1 - g["r"])
        dgi = np.hstack([da_r, da_z, da_n])
        dgh = np.hstack([da_r, da_z, da_n * g["r"]])
        dxs[t] = dgi @ w_ih.T
        dw_ih += xs[t].T @ dgi
        dw_hh += h_prev.T @ dgh
        db_ih += dgi.sum(axis=0)
        db_hh += dgh.sum(axis=0)
        dh_next = dh * g["z"] + dgh @ w_hh.T
    return dxs, dh_next, dw_ih, dw_hh, db_ih, db_hh
