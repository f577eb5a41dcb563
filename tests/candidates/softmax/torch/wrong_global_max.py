"""Classic bug: one maximum for the whole tensor; rows far below it underflow to 0 / 0."""
# expect-fail: softmax[rows_of_very_different_scale]
# hint: subtract-the-maximum
import torch


def softmax(x, dim=-1):
    e = torch.exp(x - x.max())
    return e / e.sum(dim=dim, keepdim=True)
