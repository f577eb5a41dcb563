"""Classic bug: the maximum and the sum lose their dimension and broadcast against the wrong one."""
# expect-fail: softmax[last_axis_of_a_square_matrix] softmax[middle_axis_of_4d]
# hint: shape-of-the-sum
import torch


def softmax(x, dim=-1):
    e = torch.exp(x - x.max(dim=dim).values)
    return e / e.sum(dim=dim)
