"""Forbidden: the ATen kernel behind F.dropout, called through torch.ops."""
import torch


def dropout(x, p=0.5, training=True, generator=None):
    return torch.ops.aten.native_dropout(x, p, training)[0]
