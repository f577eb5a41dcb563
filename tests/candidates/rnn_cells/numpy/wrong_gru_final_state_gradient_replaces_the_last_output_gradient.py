"""Classic bug: dh_T taken as the last step's whole gradient, dropping douts[-1] (h_T and outputs[-1] are the same state: their gradients add)."""
# expect-fail: gru_backward[sequences_longer_than_the_batch_with_more_hidden_units_than_inputs] gru_backward[a_single_step] gru_backward[fifty_steps]
# hint: carry-dh-backwards
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    h, outputs = h0, []
    for x in xs:
        h = np.tanh(x @ w_ih + b_ih + h @ w_hh + b_hh)
        outputs.append(h)
    outputs = np.stack(outputs)
    return outputs, h, (xs, h0, w_ih, w_hh, outputs)


def rnn_backward(douts, dh_T, cache):
    xs, h0, w_ih, w_hh, outputs = cache
    dzs, dh = [], dh_T
    for t in reversed(range(len(xs))):
        # h_t feeds the loss (douts[t]) and the next step (dh): both gradients add up.
        dz = (dh + douts[t]) * (1 - outputs[t] ** 2)
        dzs.append(dz)
        dh = dz @ w_hh.T
    dzs = np.stack(dzs[::-1])
    previous = np.concatenate([h0[None], outputs[:-1]])
    db = dzs.sum(axis=(0, 1))
    # The weights are shared by every step: their gradients sum over time and batch.
    return (dzs @ w_ih.T, dh, np.einsum("tbi,tbh->ih", xs, dzs), np.einsum("tbj,tbh->jh", previous, dzs),
            db, db.copy())


def gru_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    h, steps = h0, []
    for x in xs:
        i_r, i_z, i_n = np.split(x @ w_ih + b_ih, 3, axis=1)
        h_r, h_z, h_n = np.split(h @ w_hh + b_hh, 3, axis=1)
        r, z = sigmoid(i_r + h_r), sigmoid(i_z + h_z)
        n = np.tanh(i_n + r * h_n)  # r scales the whole hidden term, b_hn included
        h = (1 - z) * n + z * h
        steps.append((h, r, z, n, h_n))
    outputs, r, z, n, h_n = (np.stack(values) for values in zip(*steps))
    return outputs, h, (xs, h0, w_ih, w_hh, outputs, r, z, n, h_n)


def gru_backward(douts, dh_T, cache):
    xs, h0, w_ih, w_hh, outputs, r, z, n, h_n = cache
    previous = np.concatenate([h0[None], outputs[:-1]])
    d_in, d_hidden, dh = [], [], dh_T
    for t in reversed(range(len(xs))):
        dh = dh if t == len(xs) - 1 else dh + douts[t]
        dn = dh * (1 - z[t]) * (1 - n[t] ** 2)
        dz = dh * (previous[t] - n[t]) * z[t] * (1 - z[t])
        dr = dn * h_n[t] * r[t] * (1 - r[t])
        d_in.append(np.concatenate([dr, dz, dn], axis=1))
        d_hidden.append(np.concatenate([dr, dz, dn * r[t]], axis=1))
        dh = dh * z[t] + d_hidden[-1] @ w_hh.T
    d_in, d_hidden = np.stack(d_in[::-1]), np.stack(d_hidden[::-1])
    return (d_in @ w_ih.T, dh, np.einsum("tbi,tbg->ig", xs, d_in), np.einsum("tbj,tbg->jg", previous, d_hidden),
            d_in.sum(axis=(0, 1)), d_hidden.sum(axis=(0, 1)))
