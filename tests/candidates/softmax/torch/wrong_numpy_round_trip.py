"""Classic bug: computes in NumPy and wraps the result in a new tensor, cut off from autograd."""
# expect-fail: softmax[default_axis]
# hint: shape-of-the-sum
import numpy as np
import torch


def softmax(x, dim=-1):
    a = x.detach().cpu().numpy()
    e = np.exp(a - a.max(axis=dim, keepdims=True))
    return torch.from_numpy(e / e.sum(axis=dim, keepdims=True)).to(x.device)
