"""Classic bug: the bias added before the aggregation, Â (X W + b): the rows of Â do not sum to 1
where degrees differ, so each node gets its own multiple of b. Right on regular graphs."""
# expect-fail: gcn_layer[star_with_a_bias] gcn_layer[path_with_a_bias_in_float64] gcn_layer[graph_with_isolated_nodes_and_a_bias_in_float64]
# hint: symmetric-normalisation
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)
    d_inv_sqrt = 1.0 / np.sqrt(a_hat.sum(axis=1))
    h = x @ weight
    if bias is not None:
        h = h + bias
    return d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :] @ h


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
