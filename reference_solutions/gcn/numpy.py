import numpy as np


def gcn_layer(adj: np.ndarray, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None) -> np.ndarray:
    a_hat = adj + np.eye(len(adj), dtype=adj.dtype)  # self-loops: each node keeps its own features
    d_inv_sqrt = 1.0 / np.sqrt(a_hat.sum(axis=1))  # degrees of A + I, never 0
    a_norm = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :]  # D^-1/2 (A + I) D^-1/2
    out = a_norm @ (x @ weight)  # project first: N x F_out is no larger than N x F_in here
    return out if bias is None else out + bias
