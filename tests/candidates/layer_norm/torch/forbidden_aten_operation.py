"""Forbidden: the low-level ATen operation behind F.layer_norm, called directly."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    return torch.ops.aten.native_layer_norm.default(x, shape, weight, bias, eps)[0]
