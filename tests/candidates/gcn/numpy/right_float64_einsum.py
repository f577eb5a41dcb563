"""Right: einsum in float64 inside, cast back to the input's dtype. The classifier runs in float64 with
einsum and casts the gradients back."""
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a = adj.astype(np.float64) + np.eye(len(adj))
    s = a.sum(axis=1) ** -0.5
    out = np.einsum("i,ij,j,jk,kf->if", s, a, s, x.astype(np.float64), weight.astype(np.float64))
    if bias is not None:
        out = out + bias
    return out.astype(x.dtype)


def gcn_classifier_loss_and_grads(adj, x, y, train_mask, W1, b1, W2, b2):
    dtype = x.dtype
    a = adj.astype(np.float64) + np.eye(len(adj))
    s = a.sum(axis=1) ** -0.5
    a = np.einsum("i,ij,j->ij", s, a, s)
    W1, b1, W2, b2 = (w.astype(np.float64) for w in (W1, b1, W2, b2))
    ax = np.einsum("ij,jf->if", a, x.astype(np.float64))
    pre = np.einsum("if,fh->ih", ax, W1) + b1
    h = np.maximum(pre, 0)
    ah = np.einsum("ij,jh->ih", a, h)
    logits = np.einsum("ih,hc->ic", ah, W2) + b2
    rows = np.nonzero(train_mask)[0]
    z = logits[rows]
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    loss = np.mean(lse - z[np.arange(len(rows)), y[rows]])
    dz = np.exp(z - lse[:, None])
    dz[np.arange(len(rows)), y[rows]] -= 1
    dlogits = np.zeros_like(logits)
    np.add.at(dlogits, rows, dz / len(rows))
    dpre = np.einsum("ji,jc,hc->ih", a, dlogits, W2) * (pre > 0)
    grads = {"W1": np.einsum("if,ih->fh", ax, dpre), "b1": dpre.sum(axis=0),
             "W2": np.einsum("ih,ic->hc", ah, dlogits), "b2": dlogits.sum(axis=0)}
    return float(loss), {name: g.astype(dtype) for name, g in grads.items()}
