"""Multiplies by the reciprocal of the scale in float64, with view-based broadcasting: the
quotients differ from float32 divisions by an ulp, and no case sits that close to a half."""
import torch


def _view(stat, x, axis):
    if axis is None:
        return stat
    shape = [1] * x.dim()
    shape[axis] = -1
    return stat.view(shape)


def quantize(x, symmetric=True, axis=None):
    if axis is None:
        low, high = x.min(), x.max()
    else:
        flat = x.transpose(0, axis).reshape(x.shape[axis], -1)  # channel first, everything else in a row
        low, high = flat.min(dim=1).values, flat.max(dim=1).values
    zero = torch.zeros_like(low)
    if symmetric:
        scale = torch.maximum(high.abs(), low.abs()) / 127
        low = zero
    else:
        low = torch.minimum(low, zero)
        scale = (torch.maximum(high, zero) - low) / 255
    scale = scale.masked_fill(scale == 0, 1.0)
    inverse = 1.0 / scale.double()
    zero_point = (-low.double() * inverse).round().clamp(0, 255)
    quotient = (x.double() * _view(inverse, x, axis)).round()
    if symmetric:
        q = quotient.clamp(-127, 127).to(torch.int8)
    else:
        q = (quotient + _view(zero_point, x, axis)).clamp(0, 255).to(torch.uint8)
    return q, scale, zero_point.to(torch.int32)


def dequantize(q, scale, zero_point, axis=None):
    return ((q.double() - _view(zero_point, q, axis)) * _view(scale.double(), q, axis)).float()
