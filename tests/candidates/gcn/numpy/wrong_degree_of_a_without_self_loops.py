"""Classic bug: self-loops added to A, but the degrees taken from A alone: every degree is one short,
and an isolated node's is 0 (1/sqrt(0) is inf)."""
# expect-fail: gcn_layer[graph_with_isolated_nodes] gcn_layer[graph_without_any_edge] gcn_layer[single_node] gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees] classifier_loss_and_grads[graph_with_isolated_nodes] classifier_loss_and_grads[one_labelled_node]
# hint: self-loops-first
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)
    d_inv_sqrt = 1.0 / np.sqrt(adj.sum(axis=1))
    out = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :] @ (x @ weight)
    return out if bias is None else out + bias


def gcn_classifier_loss_and_grads(adj, x, y, train_mask, W1, b1, W2, b2):
    eye = np.eye(len(adj), dtype=x.dtype)
    a_norm = gcn_layer(adj, eye, eye)  # Â itself: the layer on one-hot features, identity weight
    ax = a_norm @ x
    pre = ax @ W1 + b1
    hidden = np.maximum(pre, 0)
    ah = a_norm @ hidden
    logits = ah @ W2 + b2
    idx = np.flatnonzero(train_mask)
    z = logits[idx] - logits[idx].max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(len(idx)), y[idx]].mean()
    d = np.exp(log_p)
    d[np.arange(len(idx)), y[idx]] -= 1
    dlogits = np.zeros_like(logits)
    dlogits[idx] = d / len(idx)
    dpre = (a_norm.T @ dlogits @ W2.T) * (pre > 0)
    return float(loss), {"W1": ax.T @ dpre, "b1": dpre.sum(axis=0), "W2": ah.T @ dlogits, "b2": dlogits.sum(axis=0)}
