"""Forbidden: the library loss run in a worker thread, out of sight of thread-local modes."""
from concurrent.futures import ThreadPoolExecutor

import torch.nn.functional as F


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(F.cross_entropy, logits, targets, None, None, ignore_index, None, reduction,
                           label_smoothing).result()
