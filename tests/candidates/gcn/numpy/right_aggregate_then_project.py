"""Right: aggregate the features first, then project, (Â X) W. Matrix products associate, so this is Â
(X W) exactly (only the cost differs: N²·F_in + N·F_in·F_out against N·F_in·F_out + N²·F_out). The
classifier takes the softmax over every node and weighs each by the mask over the labelled count."""
import numpy as np


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + np.eye(adj.shape[0], dtype=adj.dtype)
    degree = a_hat.sum(axis=0)  # adj is symmetric: column sums are the row sums
    a_norm = a_hat / np.sqrt(np.outer(degree, degree))
    out = (a_norm @ x) @ weight
    if bias is not None:
        out = out + bias
    return out


def gcn_classifier_loss_and_grads(adj, x, y, train_mask, W1, b1, W2, b2):
    a_hat = adj + np.eye(adj.shape[0], dtype=adj.dtype)
    degree = a_hat.sum(axis=1)
    a = a_hat / np.sqrt(np.outer(degree, degree))
    ax = a @ x
    pre = ax @ W1 + b1
    h = np.where(pre > 0, pre, 0)
    ah = a @ h
    logits = ah @ W2 + b2
    # Softmax over every node, the mask as a weight: the unlabelled rows get weight 0.
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    onehot = np.eye(W2.shape[1], dtype=logits.dtype)[y]
    weight = train_mask.astype(logits.dtype) / train_mask.sum()
    nll = np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]
    loss = (weight * nll).sum()
    dlogits = (p - onehot) * weight[:, None]
    dh = a @ dlogits @ W2.T  # Â is symmetric
    dpre = dh * (pre > 0)
    return float(loss), {"W1": ax.T @ dpre, "b1": dpre.sum(0), "W2": ah.T @ dlogits, "b2": dlogits.sum(0)}
