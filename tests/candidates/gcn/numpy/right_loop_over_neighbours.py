"""Right: message passing written as loops: node i sums h_j / sqrt(d_i d_j) over its neighbours and
itself. The classifier is built on that layer and takes the loss one labelled node at a time."""
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    n = adj.shape[0]
    h = x @ weight
    degree = [1.0 + sum(adj[i, j] for j in range(n)) for i in range(n)]
    out = np.zeros_like(h)
    for i in range(n):
        out[i] += h[i] / degree[i]
        for j in range(n):
            if adj[i, j]:
                out[i] += h[j] / np.sqrt(degree[i] * degree[j])
    return out if bias is None else out + bias


def gcn_classifier_loss_and_grads(adj, x, y, train_mask, W1, b1, W2, b2):
    n = adj.shape[0]
    eye = np.eye(n, dtype=x.dtype)
    a = gcn_layer(adj, eye, eye)  # Â: the layer on one-hot features with an identity weight
    pre = gcn_layer(adj, x, W1, b1)
    h = np.maximum(pre, 0)
    logits = gcn_layer(adj, h, W2, b2)
    labelled = [i for i in range(n) if train_mask[i]]
    loss = 0.0
    dlogits = np.zeros_like(logits)
    for i in labelled:  # one labelled node at a time
        z = logits[i] - logits[i].max()
        p = np.exp(z) / np.exp(z).sum()
        loss += (np.log(np.exp(z).sum()) - z[y[i]]) / len(labelled)  # not log(p): p may round to 0
        p[y[i]] -= 1
        dlogits[i] = p / len(labelled)
    ah = a @ h
    dpre = (a.T @ (dlogits @ W2.T)) * (pre > 0)
    return float(loss), {"W1": (a @ x).T @ dpre, "b1": dpre.sum(axis=0), "W2": ah.T @ dlogits,
                         "b2": dlogits.sum(axis=0)}
