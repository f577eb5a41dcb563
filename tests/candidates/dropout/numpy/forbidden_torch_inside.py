"""Forbidden: the numpy track through torch's F.dropout (the track may not import torch)."""
import numpy as np
import torch
import torch.nn.functional as F


def dropout_forward(x, p, training, rng):
    out = F.dropout(torch.from_numpy(x), p, training).numpy()
    return out, out != 0


def dropout_backward(dout, mask, p):
    return np.where(mask, dout / (1 - p), 0).astype(dout.dtype) if p < 1 else np.zeros_like(dout)
