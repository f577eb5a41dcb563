"""Reduces over "every dimension but axis" with amax(dim=[...]): for a 1-d x per channel that list
is empty, and amax(dim=[]) reduces over everything, one scale for all."""
# expect-fail: quantize[symmetric_vector_per_element] quantize[asymmetric_one_negative_element_per_channel] quantize[asymmetric_all_zeros_per_channel]
# hint: which-axes
import torch


def _per_slice(x, axis):
    if axis is None:
        return list(range(x.dim())), [1] * x.dim()
    axis %= x.dim()
    return [i for i in range(x.dim()) if i != axis], [d if i == axis else 1 for i, d in enumerate(x.shape)]


def quantize(x, symmetric=True, axis=None):
    dims, shape = _per_slice(x, axis)
    if symmetric:
        scale = x.abs().amax(dim=dims) / 127
        scale = torch.where(scale == 0, torch.ones_like(scale), scale)
        q = torch.round(x / scale.reshape(shape)).clamp(-127, 127).to(torch.int8)
        return q, scale, torch.zeros_like(scale, dtype=torch.int32)
    lo = x.amin(dim=dims).clamp(max=0)
    hi = x.amax(dim=dims).clamp(min=0)
    scale = (hi - lo) / 255
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    zero_point = torch.round(-lo / scale).clamp(0, 255)
    q = (torch.round(x / scale.reshape(shape)) + zero_point.reshape(shape)).clamp(0, 255).to(torch.uint8)
    return q, scale, zero_point.to(torch.int32)


def dequantize(q, scale, zero_point, axis=None):
    _, shape = _per_slice(q, axis)
    return (q.to(torch.int32) - zero_point.reshape(shape)) * scale.reshape(shape)
