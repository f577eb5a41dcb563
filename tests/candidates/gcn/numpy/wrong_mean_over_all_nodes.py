"""Classic bug: the masked losses summed, then divided by N, the number of nodes, instead of by the
number of labelled nodes."""
# expect-fail: classifier_loss_and_grads[graph_with_isolated_nodes] classifier_loss_and_grads[one_labelled_node] classifier_loss_and_grads[as_many_nodes_as_input_features_in_float64]
# hint: classifier-labelled-nodes-only
import numpy as np


def normalised_adjacency(adj: np.ndarray) -> np.ndarray:
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)  # self-loops: each node keeps its own features
    d_inv_sqrt = 1.0 / np.sqrt(a_hat.sum(axis=1))  # degrees of A + I, never 0
    return d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :]  # D^-1/2 (A + I) D^-1/2


def gcn_layer(adj: np.ndarray, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None) -> np.ndarray:
    out = normalised_adjacency(adj) @ (x @ weight)  # project first: N x F_out is no larger than N x F_in here
    return out if bias is None else out + bias


def gcn_classifier_loss_and_grads(adj: np.ndarray, x: np.ndarray, y: np.ndarray, train_mask: np.ndarray,
                                  W1: np.ndarray, b1: np.ndarray, W2: np.ndarray,
                                  b2: np.ndarray) -> tuple[float, dict]:
    a_norm = normalised_adjacency(adj)
    ax = a_norm @ x
    pre = ax @ W1 + b1
    hidden = np.maximum(pre, 0)
    ah = a_norm @ hidden
    logits = ah @ W2 + b2  # no ReLU on the logits

    labelled = np.flatnonzero(train_mask)  # the loss sees these nodes only
    n = len(labelled)
    z = logits[labelled]
    shifted = z - z.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), y[labelled]].sum() / len(x)

    dz = np.exp(log_probs)
    dz[np.arange(n), y[labelled]] -= 1
    dlogits = np.zeros_like(logits)  # unlabelled nodes: no gradient of their own
    dlogits[labelled] = dz / len(x)
    dhidden = a_norm.T @ (dlogits @ W2.T)  # back through Â once (Âᵀ = Â: it is symmetric)
    dpre = dhidden * (pre > 0)  # ReLU'(0) = 0
    grads = {"W1": ax.T @ dpre, "b1": dpre.sum(axis=0), "W2": ah.T @ dlogits, "b2": dlogits.sum(axis=0)}
    return float(loss), grads
