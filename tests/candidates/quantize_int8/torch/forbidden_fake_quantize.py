"""The fake quantizer rounds and clamps in one call; the integers come back by dividing by the scale."""
import torch


def quantize(x, symmetric=True, axis=None):
    flat = x.reshape(1, -1) if axis is None else x.movedim(axis, 0).reshape(x.shape[axis], -1)
    shape = [1] * x.dim() if axis is None else [d if i == axis % x.dim() else 1 for i, d in enumerate(x.shape)]
    lo, hi = flat.amin(1).clamp(max=0), flat.amax(1).clamp(min=0)
    scale = torch.maximum(-lo, hi) / 127 if symmetric else (hi - lo) / 255
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    zero_point = torch.zeros_like(scale, dtype=torch.int32) if symmetric else torch.round(-lo / scale).int()
    low, high = (-127, 127) if symmetric else (0, 255)
    fake = torch.fake_quantize_per_channel_affine(x.movedim(axis or 0, 0).reshape(flat.shape[0], -1) if axis is not None
                                                  else flat, scale, zero_point, 0, low, high)
    q = torch.round(fake / scale[:, None]) + zero_point[:, None]
    q = q.reshape(x.movedim(axis, 0).shape).movedim(0, axis) if axis is not None else q.reshape(x.shape)
    q = q.to(torch.int8 if symmetric else torch.uint8)
    if axis is None:
        return q, scale[0], zero_point[0]
    return q, scale, zero_point


def dequantize(q, scale, zero_point, axis=None):
    shape = [1] * q.dim() if axis is None else [d if i == axis % q.dim() else 1 for i, d in enumerate(q.shape)]
    return (q.to(torch.int32) - zero_point.reshape(shape)) * scale.reshape(shape)
