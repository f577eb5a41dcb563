"""Forbidden: the library convolution run in a worker thread, out of sight of thread-local modes."""
from concurrent.futures import ThreadPoolExecutor

import torch


def conv2d(x, weight, bias=None, stride=1, padding=0):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(torch.conv2d, x, weight, bias, stride, padding).result()
