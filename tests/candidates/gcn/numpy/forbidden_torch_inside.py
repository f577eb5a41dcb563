"""Forbidden: the numpy track through torch (the track may not import torch)."""
import torch


def gcn_layer(adj, x, weight, bias=None):
    a = torch.from_numpy(adj) + torch.eye(len(adj), dtype=torch.from_numpy(adj).dtype)
    s = a.sum(1).rsqrt()
    out = (s[:, None] * a * s[None, :]) @ torch.from_numpy(x) @ torch.from_numpy(weight)
    return (out if bias is None else out + torch.from_numpy(bias)).numpy()
