"""Forbidden: the library softmax run in a worker thread, out of sight of thread-local modes."""
from concurrent.futures import ThreadPoolExecutor

import torch


def softmax(x, dim=-1):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(torch.softmax, x, dim).result()
