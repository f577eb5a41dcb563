"""Right: normalised adjacency built in float64 with explicit diagonal matrices, cast back at the end."""
import torch


def gcn_layer(adj, x, weight, bias=None):
    a = adj.double() + torch.eye(adj.shape[0], dtype=torch.float64, device=adj.device)
    d = torch.diag(a.sum(dim=1).pow(-0.5))
    out = d @ a @ d @ x.double() @ weight.double()
    if bias is not None:
        out = out + bias.double()
    return out.to(x.dtype)
