"""Classic bug: D^-1 on both sides, D^-1 (A + I) D^-1, the square root forgotten: each entry is
divided by d_i d_j instead of sqrt(d_i d_j)."""
# expect-fail: gcn_layer[complete_graph] gcn_layer[path] gcn_layer[star_with_very_different_degrees]
import torch


def gcn_layer(adj, x, weight, bias=None):
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)
    d_inv = 1.0 / a_hat.sum(dim=1)
    out = d_inv[:, None] * a_hat * d_inv[None, :] @ (x @ weight)
    return out if bias is None else out + bias
