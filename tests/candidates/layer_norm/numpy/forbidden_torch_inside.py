"""Forbidden: the numpy track is NumPy only; this borrows torch's layer norm."""
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    out = torch.nn.functional.layer_norm(torch.from_numpy(x), (x.shape[-1],), torch.from_numpy(gamma),
                                         torch.from_numpy(beta), eps)
    return out.numpy()
