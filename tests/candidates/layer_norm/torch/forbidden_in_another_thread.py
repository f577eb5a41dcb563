"""Forbidden: the library layer norm run in a worker thread, out of sight of thread-local modes."""
from concurrent.futures import ThreadPoolExecutor

import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(torch.layer_norm, x, shape, weight, bias, eps).result()
