"""Forbidden: the ATen operation through an alias of torch.ops.aten, a spelling no static scan
follows; the operation watchers see it run."""
import torch

aten = torch.ops.aten


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    return aten.native_layer_norm(x, shape, weight, bias, eps)[0]
