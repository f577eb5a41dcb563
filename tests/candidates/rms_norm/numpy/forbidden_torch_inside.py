"""Forbidden: the numpy track through torch's own F.rms_norm (the track may not import torch)."""
import torch
import torch.nn.functional as F


def rms_norm(x, weight, eps=1e-6):
    out = F.rms_norm(torch.from_numpy(x), (x.shape[-1],), torch.from_numpy(weight), eps)
    return out.numpy()
