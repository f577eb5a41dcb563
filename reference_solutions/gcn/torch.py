import torch


def gcn_layer(adj: torch.Tensor, x: torch.Tensor, weight: torch.Tensor,
              bias: torch.Tensor | None = None) -> torch.Tensor:
    a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype, device=adj.device)  # self-loops
    d_inv_sqrt = torch.rsqrt(a_hat.sum(dim=1))  # degrees of A + I, never 0
    a_norm = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :]  # D^-1/2 (A + I) D^-1/2
    out = a_norm @ (x @ weight)
    return out if bias is None else out + bias
