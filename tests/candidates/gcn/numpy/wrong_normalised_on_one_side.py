"""Classic bug: D^-1/2 applied on the left only, D^-1/2 (A + I): the rows are scaled, the columns
(each neighbour's contribution) are not."""
# expect-fail: gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees] gcn_layer[graph_with_isolated_nodes] classifier_loss_and_grads[hidden_layer_as_wide_as_the_classes] classifier_loss_and_grads[every_node_labelled_in_float64]
# hint: symmetric-normalisation
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)
    out = (1.0 / np.sqrt(a_hat.sum(axis=1)))[:, None] * a_hat @ (x @ weight)
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
