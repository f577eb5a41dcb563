"""Right: aggregate the features first, then project, (Â X) W. Matrix products associate, so this is
Â (X W) exactly (only the cost differs: N²·F_in + N·F_in·F_out against N·F_in·F_out + N²·F_out)."""
import torch


def gcn_layer(adj, x, weight, bias=None):
    n = adj.shape[0]
    a_hat = adj + torch.eye(n, dtype=adj.dtype, device=adj.device)
    degree = a_hat.sum(dim=0)  # adj is symmetric: column sums are the row sums
    a_norm = a_hat / torch.sqrt(degree[:, None] * degree[None, :])
    out = (a_norm @ x) @ weight
    if bias is not None:
        out = out + bias
    return out
