"""Right: one row's softmax, vectorised over every row with torch.func.vmap."""
import torch
from torch.func import vmap


def _row(x):
    shifted = x - x.max()
    e = shifted.exp()
    return e / e.sum()


def softmax(x, dim=-1):
    moved = x.movedim(dim, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    return vmap(_row)(flat).reshape(moved.shape).movedim(-1, dim)
