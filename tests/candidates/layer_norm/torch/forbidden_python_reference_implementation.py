"""Forbidden: PyTorch's Python reference implementation of layer norm. It runs only allowed
operations (var_mean, rsqrt, ...), so no operation watcher sees it; its name does."""
import torch
import torch._refs


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    return torch._refs.native_layer_norm(x, shape, weight, bias, eps)[0]
